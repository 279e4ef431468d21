import { TurnContext } from "botbuilder";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { conversationKind, tenantOf, type TurnActivity } from "./activity.js";
import { saveConversation } from "./conversations.js";

/**
 * Stores the conversation reference the first time this process sees a conversation (install
 * or first message), so the outbox can write there later. `known` keeps it to one write per
 * conversation per process instead of one per message.
 */
export async function rememberConversation(db: Db, context: TurnContext, activity: TurnActivity, known: Set<string>, force = false): Promise<void> {
  const conversationId = activity.conversation.id;
  if (!force && known.has(conversationId)) return;
  const kind = conversationKind(activity);
  const reference = TurnContext.getConversationReference(context.activity);
  await saveConversation(db, {
    conversationId,
    tenantId: tenantOf(activity) ?? null,
    aadObjectId: kind === "personal" ? (activity.from.aadObjectId ?? null) : null,
    kind,
    teamId: kind === "channel" ? (teamIdOf(activity) ?? null) : null,
    reference,
  });
  if (known.size > 50_000) known.clear();
  known.add(conversationId);
}

const teamChannelData = z.object({ team: z.object({ id: z.string().min(1).max(1_000) }) });

/** The team a channel activity belongs to (Teams sends it on every channel activity). */
export function teamIdOf(activity: Pick<TurnActivity, "channelData">): string | undefined {
  const parsed = teamChannelData.safeParse(activity.channelData);
  return parsed.success ? parsed.data.team.id : undefined;
}
