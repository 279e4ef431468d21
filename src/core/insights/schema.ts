import { z } from "zod";

// Public figures are shown to politicians and the press. A group of fewer than five employers
// lets a reader who knows some of them work out the others' numbers (with one or two it is
// simply their number), so smaller groups are merged or suppressed. Five is the usual
// threshold for small-count suppression in Dutch public statistics (CBS); a network may ask
// for more, never for fewer than three.
export const DEFAULT_MIN_GROUP_SIZE = 5;
export const MIN_ALLOWED_GROUP_SIZE = 3;

export const publicFiguresInput = z.object({
  minGroupSize: z.coerce.number().int().min(MIN_ALLOWED_GROUP_SIZE, "field.invalid").max(100, "field.invalid").default(DEFAULT_MIN_GROUP_SIZE),
  // Eight quarters (two years) is the trend a praktijktafel discusses.
  quarters: z.coerce.number().int().min(1).max(40).default(8),
});
export type PublicFiguresInput = z.input<typeof publicFiguresInput>;

/** "2026-Q4" as used in dashboard URLs. */
export const quarterParam = z
  .string()
  .trim()
  .regex(/^\d{4}-Q[1-4]$/i, "field.invalid")
  .transform((v) => ({ year: Number(v.slice(0, 4)), quarter: Number(v.slice(-1)) }));

export const employerIdParam = z.string().trim().min(1).max(64).regex(/^[a-z0-9]+$/i, "field.invalid");
