import type { DbClient } from "../../db/database.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import type { QuarterRef } from "../reporting/quarters.js";
import { localDay, quarterKey } from "./calendar.js";
import { campaignSendTime, type NoisePreferences } from "./policy.js";

export type CampaignKind = "campaign.prompt" | "campaign.reminder" | "campaign.summary";
export const CAMPAIGN_KIND_PREFIX = "campaign.";

export interface CampaignNetwork {
  id: string;
  name: string;
  timeZone: string;
}

export interface CampaignMessage {
  kind: CampaignKind;
  /** Which moment of the campaign: "open", "reminder-1", "close", "manual-2026-10-05", … */
  step: string;
  person: NoisePreferences & { id: string };
  data: Prisma.InputJsonObject;
  earliest: Date;
}

/** `campaign:<network>:<year>Q<q>:<step>:<person>`: the same step never reaches a person twice. */
export function campaignKey(networkId: string, ref: QuarterRef, step: string, personId: string): string {
  return `campaign:${networkId}:${quarterKey(ref)}:${step}:${personId}`;
}

/**
 * Stores campaign messages in the outbox, each at the earliest moment the person accepts:
 * outside quiet hours, after a snooze, and on a local day without another campaign message.
 */
export async function enqueueCampaign(db: DbClient, network: CampaignNetwork, ref: QuarterRef, messages: CampaignMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const busy = await busyDays(db, network.timeZone, messages.map((m) => m.person.id));
  return enqueueNotifications(
    db,
    messages.map((m) => {
      const key = campaignKey(network.id, ref, m.step, m.person.id);
      const days = busy.get(m.person.id) ?? new Set<string>();
      const notBefore = campaignSendTime(m.earliest, m.person, days, network.timeZone);
      days.add(localDay(notBefore, network.timeZone));
      busy.set(m.person.id, days);
      return { kind: m.kind, personId: m.person.id, idempotencyKey: key, data: m.data, notBefore };
    }),
  );
}

/** Local days on which each person already has (or will have) a campaign message. */
async function busyDays(db: DbClient, timeZone: string, personIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await db.outboxMessage.findMany({
    where: { personId: { in: personIds }, kind: { startsWith: CAMPAIGN_KIND_PREFIX }, status: { not: "CANCELLED" } },
    select: { personId: true, nextAttemptAt: true, sentAt: true },
  });
  const days = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!row.personId) continue;
    const set = days.get(row.personId) ?? new Set<string>();
    set.add(localDay(row.sentAt ?? row.nextAttemptAt, timeZone));
    days.set(row.personId, set);
  }
  return days;
}
