import { z } from "zod";

// The playground's request bodies, parsed at the edge like any platform payload. Bounds are
// generous versions of Slack's (4,000 characters of slash text, 3,000 per input value).
const personId = z.string().trim().min(1).max(64);

export const textRequest = z.object({ personId, text: z.string().max(4_000) });
export const actionRequest = z.object({ personId, action: z.string().min(1).max(255), value: z.string().max(2_000) });
export const formRequest = z.object({
  personId,
  formId: z.string().min(1).max(255),
  context: z.string().max(3_000).optional(),
  values: z.record(z.string().max(100), z.string().max(3_000)).refine((v) => Object.keys(v).length <= 50),
});
export const inboxRequest = z.object({ personId });
