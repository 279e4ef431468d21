import { z } from "zod";
import { functionField } from "../directory/schema.js";
import { createEmployerInput, MAX_EMPLOYER_NAME } from "../members/schema.js";
import { optionalText, requiredText } from "../shared/fields.js";

// As for people added by coordinators (members/schema.ts).
const MAX_NAME = 120;
// A job title is a one-liner in the directory.
const MAX_JOB_TITLE = 100;
// A reason is read in a chat message: a few sentences, not a letter.
export const MAX_REASON = 500;
// Request ids are cuids we wrote into a button; anything much longer is not one of ours.
const requestId = requiredText(64);

/** The applicant's form: who they are and where they work; a new employer's profile when it is new. */
export const joinInput = z.object({
  /** Which network, when the workspace serves several (a parent and its regions). */
  network: requiredText(64).optional(),
  name: requiredText(MAX_NAME),
  employer: requiredText(MAX_EMPLOYER_NAME),
  // An untouched select may come back empty: the form's default then.
  function: z.preprocess((value) => (value === null || value === "" ? undefined : value), functionField.default("OVERIG")),
  jobTitle: optionalText(MAX_JOB_TITLE),
  branche: optionalText(100),
  sizeBand: optionalText(20),
  location: optionalText(100),
  region: optionalText(100),
});
export type JoinInput = z.input<typeof joinInput>;

/** A new employer as the applicant described it, checked as a coordinator's would be. */
export const newEmployerInput = createEmployerInput.pick({ name: true, branche: true, sizeBand: true, location: true, region: true });
export type NewEmployer = z.infer<typeof newEmployerInput>;

export const decideInput = z.object({ requestId });
export const refuseInput = z.object({ requestId, reason: optionalText(MAX_REASON) });
