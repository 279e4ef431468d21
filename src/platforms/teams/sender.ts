import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from "botbuilder";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import { withoutConnectorRetries } from "./adapter.js";
import { messageCard } from "./cards.js";
import { personalChatReference } from "./personal-chat.js";
import { continueConversation } from "./proactive.js";
import { sendFailure } from "./send-errors.js";

const teamsAddress = z.object({ tenantId: z.string().min(1), userId: z.string().min(1) });

export interface TeamsSenderOptions {
  adapter: CloudAdapter;
  db: Db;
  /** MICROSOFT_APP_ID; empty in anonymous (emulator / test) mode. */
  botAppId: string;
  logger?: Logger;
}

/**
 * Delivers outbox messages as proactive Teams messages in the person's personal chat with the
 * bot. Without a stored personal chat it opens one through a reference from the same tenant
 * (the bot installed in a team may message the team's members); with neither it is permanent:
 * nothing changes until the person or a team installs the app. A throttled call is not retried
 * inside the send: the 429 comes back at once with its Retry-After, for the worker to pause on.
 */
export function createTeamsSender(options: TeamsSenderOptions): OutboxSender {
  // Found (or opened) before the rate slot, by outbox row: the send in the slot is the one call.
  const prepared = new Map<string, Partial<ConversationReference>>();
  const targetOf = (address: z.infer<typeof teamsAddress>) => ({
    adapter: options.adapter,
    db: options.db,
    botAppId: options.botAppId,
    tenantId: address.tenantId,
    aadObjectId: address.userId,
  });
  return {
    platform: "TEAMS",
    async prepare(delivery) {
      const address = teamsAddress.safeParse(delivery.address);
      if (!address.success) return;
      try {
        const reference = await withoutConnectorRetries(() => personalChatReference(targetOf(address.data)));
        if (reference) remember(prepared, delivery.outboxId, reference);
      } catch (error) {
        // Not a send: the send looks again and reports what the platform answers then.
        options.logger?.debug({ err: error, outboxId: delivery.outboxId }, "Teams: persoonlijke chat nog niet gevonden");
      }
    },
    async send(delivery) {
      const address = teamsAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid Teams address", permanent: true };
      const ready = prepared.get(delivery.outboxId);
      prepared.delete(delivery.outboxId);
      try {
        const reference = ready ?? (await withoutConnectorRetries(() => personalChatReference(targetOf(address.data))));
        if (!reference) return { ok: false, error: "no Teams conversation for this person", permanent: true };
        return await withoutConnectorRetries(() => deliver(options, reference, delivery));
      } catch (error) {
        return sendFailure(error);
      }
    },
  };
}

// A row prepared and then not sent (taken over, stopped) leaves its entry: keep the map small.
const PREPARED_LIMIT = 1_000;

function remember(prepared: Map<string, Partial<ConversationReference>>, outboxId: string, reference: Partial<ConversationReference>): void {
  if (prepared.size >= PREPARED_LIMIT) prepared.delete(prepared.keys().next().value!);
  prepared.set(outboxId, reference);
}

async function deliver(options: TeamsSenderOptions, reference: Partial<ConversationReference>, delivery: OutboxDelivery): Promise<SendResult> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(messageCard(delivery.message)));
  activity.summary = delivery.message.summary;
  let id = "";
  await continueConversation(options.adapter, options.botAppId, reference, async (context) => {
    id = (await context.sendActivity(activity))?.id ?? "";
  });
  return { ok: true, platformMessageId: id };
}
