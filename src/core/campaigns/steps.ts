import type { DbClient } from "../../db/database.js";
import { readThrough } from "../../db/read-cache.js";
import type { CoreDeps } from "../deps.js";
import { periodStatus } from "../reporting/period-status.js";
import { ensurePeriod } from "../reporting/periods.js";
import { quarterLabel, type QuarterRef } from "../reporting/quarters.js";
import { toActor } from "../members/actor-lookup.js";
import { workingDayAt } from "./calendar.js";
import { enqueueCampaign, type CampaignMessage, type CampaignNetwork } from "./enqueue-campaign.js";
import { contactsWithoutReport, coordinators, reportingContacts, type Contact } from "./recipients.js";

/** Opens the period and prompts every reporting contact. Returns how many messages are new. */
export async function openAndPrompt(db: DbClient, network: CampaignNetwork, ref: QuarterRef, at: Date): Promise<number> {
  const period = await ensurePeriod(db, network, ref);
  const contacts = await reportingContacts(db, network.id);
  return enqueueCampaign(db, network, ref, contacts.map((c) => contactMessage("campaign.prompt", "open", c, network, ref, period.closesAt, at)));
}

/**
 * Reminds the contacts of employers that have not reported. `step` names the round
 * ("reminder-1", or "manual-<day>" when a coordinator triggers it) so each round is sent once.
 */
export async function remindNonReporters(db: DbClient, network: CampaignNetwork, ref: QuarterRef, step: string, at: Date): Promise<number> {
  const period = await ensurePeriod(db, network, ref);
  if (period.status === "CLOSED") return 0;
  const contacts = await contactsWithoutReport(db, network.id, period.id);
  return enqueueCampaign(db, network, ref, contacts.map((c) => contactMessage("campaign.reminder", step, c, network, ref, period.closesAt, at)));
}

/** Closes the period and sends coordinators the summary on the next working morning. */
export async function closeAndSummarise(db: DbClient, network: CampaignNetwork, ref: QuarterRef, at: Date): Promise<number> {
  const period = await ensurePeriod(db, network, ref);
  await db.reportingPeriod.update({ where: { id: period.id }, data: { status: "CLOSED" } });
  const people = await coordinators(db, network.id);
  const first = people[0];
  if (!first) return 0;
  const actor = toActor({ ...first, networkId: network.id, employerId: null, role: "COORDINATOR", locale: null, erasedAt: null, network: { defaultLocale: "nl" } });
  // periodStatus only reads, which works the same inside the step's transaction.
  const status = await periodStatus({ db: db as CoreDeps["db"], cache: readThrough, now: () => at }, actor, ref);
  if (!status.ok) throw new Error(`period summary failed: ${status.error.key}`);
  const s = status.value;
  const morning = workingDayAt(at, 0, network.timeZone);
  const data = {
    networkName: network.name,
    label: quarterLabel(ref),
    employers: s.totals.employers,
    reported: s.totals.reported,
    responseRate: s.totals.responseRate,
    realised: s.totals.realised,
    ambition: s.totals.ambition,
    missing: s.employers.filter((e) => !e.reported).map((e) => e.name),
  };
  const messages: CampaignMessage[] = people.map((person) => ({ kind: "campaign.summary", step: "close", person, data, earliest: morning }));
  return enqueueCampaign(db, network, ref, messages);
}

function contactMessage(
  kind: "campaign.prompt" | "campaign.reminder",
  step: string,
  contact: Contact,
  network: CampaignNetwork,
  ref: QuarterRef,
  closesAt: Date,
  at: Date,
): CampaignMessage {
  return {
    kind,
    step,
    person: contact,
    earliest: at,
    data: {
      networkName: network.name,
      label: quarterLabel(ref),
      employerId: contact.employer?.id ?? null,
      employerName: contact.employer?.name ?? "",
      periodNetworkId: network.id,
      year: ref.year,
      quarter: ref.quarter,
      // The last day to report, shown in the recipient's language at send time.
      closesAt: closesAt.toISOString(),
      timeZone: network.timeZone,
    },
  };
}
