import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { audit } from "../shared/audit.js";
import type { CoreDeps } from "../deps.js";
import { notAllowed, ok, type Result } from "../result.js";
import { ensurePeriod, findPeriod } from "../reporting/periods.js";
import { quarterLabel, quarterOf, type QuarterRef } from "../reporting/quarters.js";
import { localDay } from "./calendar.js";
import { contactsWithoutReport } from "./recipients.js";
import { remindNonReporters } from "./steps.js";

export interface ReminderPreview {
  label: string;
  people: number;
  employers: number;
  /** One recipient's data, so the coordinator sees the message as it will be rendered. */
  sample: { employerName: string } | null;
  networkName: string;
  closesAt: Date | null;
  timeZone: string;
  /** The coordinator paused the campaign: no moment runs until they resume it. */
  paused: boolean;
}

const NO_PERIOD_YET = "no-period-yet";

async function campaignNetwork(deps: CoreDeps, networkId: string) {
  return deps.db.network.findUniqueOrThrow({ where: { id: networkId }, select: { id: true, name: true, timeZone: true, campaignsPaused: true } });
}

/** Coordinators: who a reminder round sent now would reach (counts only, no list of names). */
export async function previewReminders(deps: CoreDeps, actor: Actor): Promise<Result<ReminderPreview>> {
  if (!isCoordinator(actor)) return notAllowed();
  const network = await campaignNetwork(deps, actor.networkId);
  const ref = quarterOf(deps.now(), network.timeZone);
  const period = await findPeriod(deps.db, network.id, ref);
  // Before the quarter's period exists nobody has reported for it, and a round sent now opens it:
  // every reporting contact would get one.
  const contacts = await contactsWithoutReport(deps.db, network.id, period?.id ?? NO_PERIOD_YET);
  return ok({
    label: quarterLabel(ref),
    people: contacts.length,
    employers: new Set(contacts.map((c) => c.employer?.id)).size,
    sample: contacts[0]?.employer ? { employerName: contacts[0].employer.name } : null,
    networkName: network.name,
    closesAt: period?.closesAt ?? null,
    timeZone: network.timeZone,
    paused: network.campaignsPaused,
  });
}

/** Coordinators: a reminder round now (once per local day; the usual limits per person apply). */
export async function triggerReminders(deps: CoreDeps, actor: Actor): Promise<Result<{ label: string; people: number }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const network = await campaignNetwork(deps, actor.networkId);
  const now = deps.now();
  const ref: QuarterRef = quarterOf(now, network.timeZone);
  const people = await deps.db.$transaction(
    async (tx) => {
      await ensurePeriod(tx, network, ref);
      return remindNonReporters(tx, network, ref, `manual-${localDay(now, network.timeZone)}`, now);
    },
    { timeout: 120_000 },
  );
  await audit(deps.db, actor, "campaign.trigger", networkSubject(actor), { quarter: quarterLabel(ref), people }, deps.now());
  return ok({ label: quarterLabel(ref), people });
}

/**
 * Coordinators: pause or resume the network's campaign. While paused no moment runs and
 * queued campaign messages wait (checked hourly); on resume missed moments are caught up.
 */
export async function setCampaignPaused(deps: CoreDeps, actor: Actor, paused: boolean): Promise<Result<{ networkName: string }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const network = await deps.db.network.update({ where: { id: actor.networkId }, data: { campaignsPaused: paused }, select: { name: true } });
  await audit(deps.db, actor, paused ? "campaign.pause" : "campaign.resume", networkSubject(actor), {}, deps.now());
  return ok({ networkName: network.name });
}

const networkSubject = (actor: Actor) => ({ type: "Network", id: actor.networkId });
