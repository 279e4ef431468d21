import { z } from "zod";
import { optionalText, requiredText } from "../shared/fields.js";

// A subgroup reference is a slug, a name or part of one ("inkopen"), or an id from a button.
// 100 characters is longer than any real subgroup name and short enough to echo back safely.
export const MAX_SUBGROUP_REF = 100;
// Names show up in lists and buttons; 80 characters still fits a Slack button label row.
export const MAX_SUBGROUP_NAME = 80;
// A description is one or two sentences in a list, not a programme.
export const MAX_SUBGROUP_DESCRIPTION = 500;

export const subgroupRef = requiredText(MAX_SUBGROUP_REF);

/** An e-mail address or a person id (from a button); compared case-insensitively. */
export const personRef = requiredText(254);

export const membershipInput = z.object({ subgroup: subgroupRef });
export type MembershipInput = z.input<typeof membershipInput>;

export const createSubgroupInput = z.object({
  name: requiredText(MAX_SUBGROUP_NAME).refine((name) => /[\p{L}\p{N}]/u.test(name), "field.invalid"),
  description: optionalText(MAX_SUBGROUP_DESCRIPTION),
});
export type CreateSubgroupInput = z.input<typeof createSubgroupInput>;

export const contactInput = z.object({ subgroup: subgroupRef, person: personRef });
export type ContactInput = z.input<typeof contactInput>;
