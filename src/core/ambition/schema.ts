import { z } from "zod";
import { MAX_PLACEMENTS } from "../reporting/limits.js";
import { countField } from "../shared/fields.js";

// A target date is a day, picked (2028-12-31, as pickers send it) or typed the Dutch way
// (31-12-2028); empty clears it. Bounded to this century so "31-12-28" typed as a year does not
// pass as the year 28.
export const targetDateField = z.preprocess((value) => (typeof value === "string" ? isoDay(value.trim()) : value ?? undefined),
  z
    .string({ invalid_type_error: "field.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "field.targetDate")
    .refine((day) => {
      const date = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && day >= "2000-01-01" && day <= "2100-12-31";
    }, "field.targetDate")
    .nullable()
    .optional(),
);

export const ambitionFields = z.object({
  ambition: countField(MAX_PLACEMENTS),
  targetDate: targetDateField,
});
export type AmbitionFields = z.output<typeof ambitionFields>;

function isoDay(text: string): string | null {
  if (text === "") return null;
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  return dutch ? `${dutch[3]}-${dutch[2]!.padStart(2, "0")}-${dutch[1]!.padStart(2, "0")}` : text;
}
