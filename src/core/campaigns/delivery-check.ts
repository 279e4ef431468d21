import type { DbClient } from "../../db/database.js";
import { isCurrent } from "../members/archive-scope.js";
import { CAMPAIGN_KIND_PREFIX } from "./enqueue-campaign.js";
import { respectPreferences } from "./policy.js";

export type DeliveryDecision = { action: "send" } | { action: "cancel"; reason: string } | { action: "defer"; until: Date };

export interface PendingCampaignMessage {
  id: string;
  kind: string;
  /** The row's platform; with `byEmail` it tells whether the message is going out as an e-mail. */
  platform?: string;
  personId: string | null;
  payload: Record<string, unknown>;
}

// A paused network's messages wait; an hour keeps the worker from spinning on them.
const PAUSED_RETRY_MS = 3_600_000;

/**
 * Decided just before sending, because things change after a message is queued: the
 * employer reported (colleagues are not reminded), the person snoozed or set quiet hours,
 * the coordinator paused the campaign, the person was erased, is no longer a reporting contact,
 * their employer was archived (see members/archive-scope.ts), or they unsubscribed from campaign
 * e-mail (the one-click link) and this one would go by e-mail.
 */
export async function campaignDecisions(
  db: DbClient,
  messages: PendingCampaignMessage[],
  now: Date,
  /** The platforms whose rows this worker sends by e-mail (EMAIL, and unlinked rows when e-mail is set up). */
  byEmail: ReadonlySet<string> = new Set(["EMAIL"]),
): Promise<Map<string, DeliveryDecision>> {
  const campaign = messages.filter((m) => m.kind.startsWith(CAMPAIGN_KIND_PREFIX) && m.personId);
  const decisions = new Map<string, DeliveryDecision>();
  if (campaign.length === 0) return decisions;

  const people = await db.person.findMany({
    where: { id: { in: campaign.map((m) => m.personId!) } },
    select: {
      id: true,
      erasedAt: true,
      reportingContact: true,
      employerId: true,
      employer: { select: { archivedAt: true } },
      quietHoursStart: true,
      quietHoursEnd: true,
      snoozedUntil: true,
      campaignMailOffAt: true,
      network: { select: { timeZone: true, campaignsPaused: true } },
    },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const reported = await reportedEmployers(db, campaign.filter((m) => m.kind === "campaign.reminder"));

  for (const message of campaign) {
    const person = byId.get(message.personId!);
    if (!person || person.erasedAt) decisions.set(message.id, { action: "cancel", reason: "recipient erased" });
    else if (person.campaignMailOffAt && byEmail.has(message.platform ?? "")) decisions.set(message.id, { action: "cancel", reason: "unsubscribed from campaign e-mail" });
    else if (message.kind !== "campaign.summary" && !stillReportsFor(person, message.payload.employerId)) {
      decisions.set(message.id, { action: "cancel", reason: "no longer a reporting contact of that employer, or it was archived" });
    } else if (person.network.campaignsPaused) decisions.set(message.id, { action: "defer", until: new Date(now.getTime() + PAUSED_RETRY_MS) });
    else if (message.kind === "campaign.reminder" && reported.has(reminderKey(message.payload))) {
      decisions.set(message.id, { action: "cancel", reason: "employer has reported" });
    } else {
      const allowed = respectPreferences(now, person, person.network.timeZone);
      decisions.set(message.id, allowed > now ? { action: "defer", until: allowed } : { action: "send" });
    }
  }
  return decisions;
}

/**
 * A coordinator may have made the person no reporting contact, archived the employer, or (when
 * the message names the employer it asks about) moved the person to another one since.
 */
function stillReportsFor(person: { reportingContact: boolean; employerId: string | null; employer: { archivedAt: Date | null } | null }, employerId: unknown): boolean {
  const sameEmployer = typeof employerId !== "string" || person.employerId === employerId;
  return person.reportingContact && sameEmployer && person.employer !== null && isCurrent(person.employer);
}

const reminderKey = (payload: Record<string, unknown>) => `${String(payload.employerId)}:${String(payload.year)}:${String(payload.quarter)}`;

async function reportedEmployers(db: DbClient, reminders: PendingCampaignMessage[]): Promise<Set<string>> {
  const employerIds = [...new Set(reminders.map((m) => m.payload.employerId).filter((id): id is string => typeof id === "string"))];
  if (employerIds.length === 0) return new Set();
  const reports = await db.placementReport.findMany({
    where: { employerId: { in: employerIds } },
    select: { employerId: true, period: { select: { year: true, quarter: true } } },
  });
  return new Set(reports.map((r) => `${r.employerId}:${r.period.year}:${r.period.quarter}`));
}
