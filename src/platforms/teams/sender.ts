import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import { messageCard } from "./cards.js";
import { anyConversationInTenant, personalConversation, saveConversation } from "./conversations.js";
import { sendFailure } from "./send-errors.js";

const teamsAddress = z.object({ tenantId: z.string().min(1), userId: z.string().min(1) });

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  db: Db;
  /** MICROSOFT_APP_ID; empty in anonymous (emulator / test) mode. */
  botAppId: string;
}

/**
 * Delivers outbox messages as proactive Teams messages in the person's personal chat with the
 * bot. Without a stored personal chat it opens one through a reference from the same tenant
 * (the bot installed in a team may message the team's members); with neither it is permanent:
 * nothing changes until the person or a team installs the app.
 */
export function createTeamsSender(options: TeamsSenderOptions): OutboxSender {
  return {
    platform: "TEAMS",
    async send(delivery) {
      const address = teamsAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid Teams address", permanent: true };
      try {
        return await deliver(options, address.data, delivery);
      } catch (error) {
        return sendFailure(error);
      }
    },
  };
}

async function deliver(options: TeamsSenderOptions, address: z.infer<typeof teamsAddress>, delivery: OutboxDelivery): Promise<SendResult> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(messageCard(delivery.message)));
  activity.summary = delivery.message.summary;
  const personal = await personalConversation(options.db, address.tenantId, address.userId);
  if (personal) {
    let id = "";
    await options.adapter.continueConversationAsync(options.botAppId, personal.reference, async (context) => {
      id = (await context.sendActivity(activity))?.id ?? "";
    });
    return { ok: true, platformMessageId: id };
  }

  const viaTenant = await anyConversationInTenant(options.db, address.tenantId);
  if (!viaTenant?.reference.serviceUrl) return { ok: false, error: "no Teams conversation for this person", permanent: true };
  let id = "";
  await options.adapter.createConversationAsync(
    options.botAppId,
    "msteams",
    viaTenant.reference.serviceUrl,
    "",
    { isGroup: false, bot: viaTenant.reference.bot!, members: [{ id: address.userId, name: "" }], tenantId: address.tenantId, channelData: { tenant: { id: address.tenantId } } } as never,
    async (context) => {
      const reference = context.activity.conversation
        ? ({ ...viaTenant.reference, conversation: context.activity.conversation, user: { id: address.userId, name: "", aadObjectId: address.userId } } as Partial<ConversationReference>)
        : undefined;
      if (reference?.conversation?.id) {
        await saveConversation(options.db, {
          conversationId: reference.conversation.id,
          tenantId: address.tenantId,
          aadObjectId: address.userId,
          kind: "personal",
          reference,
        });
      }
      id = (await context.sendActivity(activity))?.id ?? "";
    },
  );
  return { ok: true, platformMessageId: id };
}
