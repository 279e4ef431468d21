import { z } from "zod";

// Every Slack payload the adapter reads is parsed here; Bolt's TypeScript types are promises,
// not checks. Unknown extra keys are allowed (Slack adds fields over time).
const id = z.string().min(1).max(64);

export const slashCommandPayload = z.object({
  team_id: id,
  enterprise_id: z.string().optional(),
  user_id: id,
  channel_id: id,
  channel_name: z.string().optional(),
  // No cap here: the chat layer answers over-long text politely (Bolt's body limit bounds it).
  text: z.string().default(""),
  trigger_id: z.string().min(1),
  // response_url is Bolt's (respond()); we never read it, so it is not parsed here.
});
export type SlashCommandPayload = z.infer<typeof slashCommandPayload>;

export const blockActionPayload = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id, team_id: z.string().optional() }),
  team: z.object({ id }).nullable().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
  container: z
    .object({ type: z.string(), channel_id: z.string().optional(), message_ts: z.string().optional(), is_ephemeral: z.boolean().optional() })
    .optional(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: z.string() }).optional(),
  view: z.object({ type: z.string() }).optional(),
  actions: z
    .array(z.object({ action_id: z.string().min(1).max(255), value: z.string().max(2000).optional(), type: z.string() }))
    .min(1),
});
export type BlockActionPayload = z.infer<typeof blockActionPayload>;

const inputValue = z.object({
  type: z.string(),
  value: z.string().nullable().optional(),
  selected_option: z.object({ value: z.string() }).nullable().optional(),
  selected_date_time: z.number().nullable().optional(),
  selected_date: z.string().max(10).nullable().optional(),
});

export const viewSubmissionPayload = z.object({
  type: z.literal("view_submission"),
  user: z.object({ id, team_id: z.string().optional() }),
  team: z.object({ id }).nullable().optional(),
  view: z.object({
    callback_id: z.string(),
    private_metadata: z.string().max(3000).default(""),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), inputValue)) }),
  }),
});
export type ViewSubmissionPayload = z.infer<typeof viewSubmissionPayload>;

/** What we keep in a modal's private_metadata to finish the conversation after submit. */
export const formMetadata = z.object({
  formId: z.string().min(1),
  context: z.string().optional(),
  channelId: z.string().optional(),
  locale: z.enum(["nl", "en"]).optional(),
});
export type FormMetadata = z.infer<typeof formMetadata>;

export const eventEnvelope = z.object({
  type: z.literal("event_callback"),
  team_id: z.string().optional(),
  event_id: z.string().min(1),
});

export const appHomeOpenedEvent = z.object({
  type: z.literal("app_home_opened"),
  user: id,
  tab: z.string().optional(),
});

// Only compared with the addresses coordinators have on file, never mailed to, so a loose check
// is enough: zod's .email() refuses valid ones such as jürgen@firma.de. Anything else counts as
// no address (an unknown person), never as a failed request.
const platformEmail = z.unknown().transform((value) => {
  const email = typeof value === "string" ? value.trim() : "";
  return /^[^\s@]+@[^\s@]+$/.test(email) ? email : undefined;
});

/** users.info as far as we use it: the e-mail for first-use linking (needs users:read.email). */
export const usersInfoResponse = z.object({
  ok: z.boolean(),
  user: z
    .object({
      id: z.string(),
      deleted: z.boolean().optional(),
      is_bot: z.boolean().optional(),
      is_email_confirmed: z.boolean().optional(),
      profile: z.object({ email: platformEmail }).optional(),
    })
    .optional(),
});

// What Bolt itself reads from an interaction before any listener runs (to find the team and the
// listener); a body without it made Bolt throw, answered 500. Checked only once Bolt has thrown.
const viewEnvelope = z.object({ view: z.object({ callback_id: z.string() }), user: z.object({ id }) });
const userEnvelope = z.object({ user: z.object({ id }) });
const envelopeByType: Record<string, z.ZodTypeAny> = {
  view_submission: viewEnvelope,
  view_closed: viewEnvelope,
  block_actions: userEnvelope,
  block_suggestion: userEnvelope,
  shortcut: userEnvelope,
  message_action: userEnvelope,
};

/** True when a (signed) body lacks what Slack always sends for its type: a bad request, not our failure. */
export function isMalformedInteraction(body: unknown): boolean {
  const type = (body as { type?: unknown } | null)?.type;
  const envelope = typeof type === "string" ? envelopeByType[type] : undefined;
  return envelope !== undefined && !envelope.safeParse(body).success;
}
