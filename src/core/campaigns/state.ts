import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { notAllowed, ok, type Result } from "../result.js";
import { findPeriod } from "../reporting/periods.js";
import { nextQuarter, quarterLabel, quarterOf } from "../reporting/quarters.js";
import { campaignMilestones, localDay, quarterKey, type MilestoneKind } from "./calendar.js";
import { campaignKey } from "./enqueue-campaign.js";
import { contactsWithoutReport, reportingContacts } from "./recipients.js";

/** Why a reminder round sent now would reach nobody: the coordinator should not have to guess. */
export type NobodyReason = "allReported" | "roundToday" | "closed";

export interface CampaignState {
  networkName: string;
  timeZone: string;
  label: string;
  paused: boolean;
  period: "notOpened" | "open" | "closed";
  closesAt: Date | null;
  /** The latest reminder round of this quarter: when it was started, to how many, how many are sent so far. */
  lastRound: { at: Date; people: number; sent: number } | null;
  /** Contacts of employers that have not reported. */
  notReported: number;
  /** Who `herinner nu` would reach now (a round reaches a person once a day). */
  wouldRemind: number;
  nobodyBecause: NobodyReason | null;
  /** The campaign's coming moments, the next quarter's opening included. */
  next: Array<{ kind: MilestoneKind; at: Date; quarter: string }>;
}

const MOMENTS_SHOWN = 4;

/** Coordinators: the campaign as it really stands, so `herinner` and `campagne` never surprise. */
export async function campaignState(deps: CoreDeps, actor: Actor): Promise<Result<CampaignState>> {
  if (!isCoordinator(actor)) return notAllowed();
  const network = await deps.db.network.findUniqueOrThrow({
    where: { id: actor.networkId },
    select: { id: true, name: true, timeZone: true, campaignsPaused: true, reminderOffsetsDays: true, periodOpensDay: true, periodClosesAfterDays: true },
  });
  const now = deps.now();
  const ref = quarterOf(now, network.timeZone);
  const period = await findPeriod(deps.db, network.id, ref);
  const contacts = period ? await contactsWithoutReport(deps.db, network.id, period.id) : await reportingContacts(deps.db, network.id);
  const closed = period?.status === "CLOSED";

  // A round today has the key of today's manual step: those already in it are not reminded again.
  const todayKeys = contacts.map((c) => campaignKey(network.id, ref, `manual-${localDay(now, network.timeZone)}`, c.id));
  const remindedToday = todayKeys.length ? await deps.db.outboxMessage.count({ where: { idempotencyKey: { in: todayKeys } } }) : 0;
  const wouldRemind = closed ? 0 : contacts.length - remindedToday;
  const nobodyBecause: NobodyReason | null = wouldRemind > 0 ? null : closed ? "closed" : contacts.length === 0 ? "allReported" : "roundToday";

  const upcoming = [
    ...campaignMilestones(ref, network.timeZone, network).map((m) => ({ ...m, quarter: quarterLabel(ref) })),
    ...campaignMilestones(nextQuarter(ref), network.timeZone, network).map((m) => ({ ...m, quarter: quarterLabel(nextQuarter(ref)) })),
  ]
    .filter((m) => m.fireAt > now)
    .slice(0, MOMENTS_SHOWN)
    .map((m) => ({ kind: m.kind, at: m.fireAt, quarter: m.quarter }));

  return ok({
    networkName: network.name,
    timeZone: network.timeZone,
    label: quarterLabel(ref),
    paused: network.campaignsPaused,
    period: !period ? "notOpened" : closed ? "closed" : "open",
    closesAt: period?.closesAt ?? null,
    lastRound: await lastRound(deps, `campaign:${network.id}:${quarterKey(ref)}:`),
    notReported: contacts.length,
    wouldRemind,
    nobodyBecause,
    next: upcoming,
  });
}

/** Campaign keys are `campaign:<network>:<quarter>:<step>:<person>`; a round is one step. */
async function lastRound(deps: CoreDeps, quarterPrefix: string): Promise<CampaignState["lastRound"]> {
  const latest = await deps.db.outboxMessage.findFirst({
    where: { kind: "campaign.reminder", idempotencyKey: { startsWith: quarterPrefix } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { idempotencyKey: true },
  });
  if (!latest) return null;
  const step = latest.idempotencyKey.slice(quarterPrefix.length).split(":")[0]!;
  const where = { kind: "campaign.reminder", idempotencyKey: { startsWith: `${quarterPrefix}${step}:` } };
  const [first, people, sent] = await Promise.all([
    deps.db.outboxMessage.findFirst({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    deps.db.outboxMessage.count({ where }),
    deps.db.outboxMessage.count({ where: { ...where, status: "SENT" } }),
  ]);
  return { at: first!.createdAt, people, sent };
}
