import { z } from "zod";
import { MAX_PLACEMENTS } from "../reporting/schema.js";
import { countField } from "../shared/fields.js";

// A target date is a day (2028-12-31), typed or picked; empty clears it. Bounded to this century
// so "31-12-28" typed as a year does not pass as the year 28.
export const targetDateField = z.preprocess(
  (value) => (typeof value === "string" ? value.trim() || null : value ?? undefined),
  z
    .string({ invalid_type_error: "field.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "field.date")
    .refine((day) => {
      const date = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && day >= "2000-01-01" && day <= "2100-12-31";
    }, "field.date")
    .nullable()
    .optional(),
);

export const ambitionFields = z.object({
  ambition: countField(MAX_PLACEMENTS),
  targetDate: targetDateField,
});
export type AmbitionFields = z.output<typeof ambitionFields>;
