import { z } from "zod";
import type { Form } from "../../chat/message.js";
import { ACTION_VERB, FORM_VERB } from "./cards.js";

/**
 * What the bot reads from Bot Framework activities, parsed at the edge. Limits are generous
 * for real Teams traffic and small enough that a forged payload cannot make us store junk.
 */
const id = z.string().min(1).max(1_000);

export const turnActivity = z.object({
  type: z.string(),
  channelId: z.string().max(50).optional(),
  text: z.string().optional(),
  locale: z.string().max(50).optional(),
  replyToId: z.string().max(1_000).optional(),
  from: z.object({ id, name: z.string().max(500).optional(), aadObjectId: z.string().min(1).max(100).optional() }),
  conversation: z.object({ id, conversationType: z.string().max(50).optional(), tenantId: z.string().max(100).optional() }),
  channelData: z.object({ tenant: z.object({ id: z.string().max(100) }).optional() }).passthrough().optional(),
});
export type TurnActivity = z.infer<typeof turnActivity>;

export function tenantOf(activity: TurnActivity): string | undefined {
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

export function conversationKind(activity: TurnActivity): "personal" | "groupChat" | "channel" {
  const type = activity.conversation.conversationType;
  return type === "channel" || type === "groupChat" ? type : "personal";
}

/** Teams' locale ("en-US", "nl-NL") for people we cannot look up yet. */
export function localeOf(activity: TurnActivity): "nl" | "en" {
  return activity.locale?.toLowerCase().startsWith("en") ? "en" : "nl";
}

// Fields and forms as the bot wrote them into the card; the client may have altered them.
const text = z.string().max(2_000);
const baseField = { id: z.string().regex(/^[a-zA-Z][\w.-]{0,40}$/), label: text, required: z.boolean(), hint: text.optional(), placeholder: text.optional() };
const fieldSchema = z.discriminatedUnion("kind", [
  z.object({ ...baseField, kind: z.literal("number"), min: z.number().optional(), max: z.number().optional() }),
  z.object({ ...baseField, kind: z.enum(["text", "textarea"]), maxLength: z.number().int().positive().max(100_000).optional() }),
  z.object({ ...baseField, kind: z.literal("select"), options: z.array(z.object({ value: text, label: text })).max(100) }),
  z.object({ ...baseField, kind: z.literal("datetime") }),
  z.object({ ...baseField, kind: z.literal("date") }),
]);
const formSchema = z.object({
  id: z.string().max(100),
  title: text,
  submitLabel: text,
  fields: z.array(fieldSchema).max(30),
  context: z.string().max(4_000).optional(),
});

export const buttonData = z.object({ verb: z.literal(ACTION_VERB), action: z.string().min(1).max(100), value: z.string().max(4_000) });
export const formData = z
  .object({ verb: z.literal(FORM_VERB), formId: z.string().min(1).max(100), context: z.string().max(4_000).optional(), form: formSchema })
  .passthrough();
export const cardData = z.union([buttonData, formData]);
export type CardData = z.infer<typeof cardData>;
export type CarriedForm = Form;
