import { z } from "zod";
import { countField, idField, optionalText } from "../shared/fields.js";
import { checkDetail, reportDetailFields } from "./detail.js";
import { MAX_PLACEMENTS } from "./limits.js";
import { sensitiveContent } from "./remark-check.js";

export { MAX_PLACEMENTS };

// A remark is context ("vacatures in de zomer"), not a story: short keeps people from writing
// names or health details, which reports must never hold (AVG special-category data).
export const MAX_REMARK_LENGTH = 500;

// Reporting under the Participatiewet starts well after 2000; a year outside this is a typo.
const quarterRef = {
  year: z.coerce.number({ invalid_type_error: "field.year" }).int("field.year").min(2000, "field.year").max(2100, "field.year"),
  quarter: z.coerce.number({ invalid_type_error: "field.quarter" }).int("field.quarter").min(1, "field.quarter").max(4, "field.quarter"),
};

export const submitReportInput = z.object({
  /** Placements new in this quarter (README "Ambitie en voortgang"). */
  realised: countField(MAX_PLACEMENTS),
  /** Optional: changes the employer's long-term ambition (with history), as the profile does. */
  ambition: countField(MAX_PLACEMENTS).optional(),
  // Refused, not cleaned: silently cutting a name out would store what is left of the sentence.
  remark: optionalText(MAX_REMARK_LENGTH).superRefine((remark, ctx) => {
    // Too long is refused by its length already; scanning 100,000 characters would take seconds.
    const found = remark === undefined || remark.length > MAX_REMARK_LENGTH ? null : sensitiveContent(remark);
    if (found) ctx.addIssue({ code: "custom", message: found.key, params: { messageParams: found.params } });
  }),
  /** Coordinators may report on behalf of an employer of their network. */
  employerId: idField.optional(),
  year: quarterRef.year.optional(),
  quarter: quarterRef.quarter.optional(),
  /** Replacing a figure a colleague gave needs a yes first (issue 12); a button sends "true". */
  confirmReplace: z.preprocess((v) => v === true || v === "true", z.boolean()).optional(),
  // The optional detail (counts only), checked against the placements below.
  ...reportDetailFields,
  /** The detail form gives the whole detail: an empty field there clears it (the one-line path keeps it). */
  replaceDetail: z.preprocess((v) => v === true || v === "true", z.boolean()).optional(),
  /** The chat detail step does not show the remark: it keeps the one given before. */
  keepRemark: z.preprocess((v) => v === true || v === "true", z.boolean()).optional(),
}).superRefine(checkDetail);
export type SubmitReportInput = z.input<typeof submitReportInput>;

export const periodInput = z.object({
  year: quarterRef.year.optional(),
  quarter: quarterRef.quarter.optional(),
});
export type PeriodInput = z.input<typeof periodInput>;

export const historyInput = z.object({
  employerId: idField.optional(),
  // 40 quarters is ten years: the longest view a coordinator asks for.
  quarters: z.coerce.number().int().min(1).max(40).default(8),
});
export type HistoryInput = z.input<typeof historyInput>;
