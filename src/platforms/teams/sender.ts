import { CardFactory, MessageFactory, type CloudAdapter } from "botbuilder";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import type { OutboxDelivery, OutboxSender, SendResult } from "../../delivery/sender.js";
import { withoutConnectorRetries } from "./adapter.js";
import { messageCard } from "./cards.js";
import { inPersonalChat } from "./personal-chat.js";
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
 * nothing changes until the person or a team installs the app. A throttled call is not retried
 * inside the send: the 429 comes back at once with its Retry-After, for the worker to pause on.
 */
export function createTeamsSender(options: TeamsSenderOptions): OutboxSender {
  return {
    platform: "TEAMS",
    async send(delivery) {
      const address = teamsAddress.safeParse(delivery.address);
      if (!address.success) return { ok: false, error: "invalid Teams address", permanent: true };
      try {
        return await withoutConnectorRetries(() => deliver(options, address.data, delivery));
      } catch (error) {
        return sendFailure(error);
      }
    },
  };
}

async function deliver(options: TeamsSenderOptions, address: z.infer<typeof teamsAddress>, delivery: OutboxDelivery): Promise<SendResult> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(messageCard(delivery.message)));
  activity.summary = delivery.message.summary;
  let id = "";
  const target = { adapter: options.adapter, db: options.db, botAppId: options.botAppId, tenantId: address.tenantId, aadObjectId: address.userId };
  const reached = await inPersonalChat(target, async (context) => {
    id = (await context.sendActivity(activity))?.id ?? "";
  });
  return reached ? { ok: true, platformMessageId: id } : { ok: false, error: "no Teams conversation for this person", permanent: true };
}
