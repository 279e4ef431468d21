import type { Db, DbClient } from "../../db/database.js";
import { previousQuarter, quarterOf, quarterStart, type QuarterRef } from "../reporting/quarters.js";
import type { CampaignSchedule } from "./schema.js";
import { campaignMilestones, quarterKey, type Milestone } from "./calendar.js";
import type { CampaignNetwork } from "./enqueue-campaign.js";
import { closeAndSummarise, openAndPrompt, remindNonReporters } from "./steps.js";

export interface CampaignRun {
  job: string;
  fireAt: Date;
  outcome: "ran" | "superseded";
  messages: number;
}

// A prompt to thousands of contacts is one transaction: generous, but bounded.
const STEP_TIMEOUT_MS = 120_000;

/**
 * Runs every campaign moment that is due and not yet run, in every network that is not
 * paused. A pure function of the clock and the database: each moment is claimed in
 * ScheduledRun in the same transaction as the messages it enqueues, so with several instances
 * exactly one runs it, a crash half-way leaves it unclaimed for the next tick, and a moment
 * missed while every instance was down runs at the next start.
 */
export async function runDueCampaigns(db: Db, now: Date, instanceId: string): Promise<CampaignRun[]> {
  const networks = await db.network.findMany({
    where: { campaignsPaused: false },
    select: { id: true, name: true, timeZone: true, reminderOffsetsDays: true, periodOpensDay: true, periodClosesAfterDays: true, createdAt: true },
  });
  const runs: CampaignRun[] = [];
  for (const network of networks) runs.push(...(await runNetwork(db, network, now, instanceId)));
  return runs;
}

type NetworkRow = CampaignNetwork & CampaignSchedule & { createdAt: Date };

async function runNetwork(db: Db, network: NetworkRow, now: Date, instanceId: string): Promise<CampaignRun[]> {
  const due = dueMoments(network, now);
  if (due.length === 0) return [];
  const done = await db.scheduledRun.findMany({
    where: { job: { in: due.map((d) => d.job) } },
    select: { job: true },
  });
  const claimed = new Set(done.map((d) => d.job));
  const open = due.filter((d) => !claimed.has(d.job));
  const runs: CampaignRun[] = [];
  for (const moment of open) {
    const superseded = moment.milestone.kind.startsWith("reminder-") && open.some((later) => later.milestone.kind.startsWith("reminder-") && later.ref === moment.ref && later.milestone.fireAt > moment.milestone.fireAt);
    const run = await db.$transaction(
      async (tx) => {
        const { count } = await tx.scheduledRun.createMany({
          data: { job: moment.job, fireAt: moment.milestone.fireAt, claimedBy: superseded ? `${instanceId}:superseded` : instanceId },
          skipDuplicates: true,
        });
        if (count === 0) return null; // another instance ran it
        const messages = superseded ? 0 : await runMoment(tx, network, moment, now);
        await tx.scheduledRun.updateMany({ where: { job: moment.job, fireAt: moment.milestone.fireAt }, data: { finishedAt: now } });
        return { job: moment.job, fireAt: moment.milestone.fireAt, outcome: superseded ? "superseded" : "ran", messages } satisfies CampaignRun;
      },
      { timeout: STEP_TIMEOUT_MS, maxWait: STEP_TIMEOUT_MS },
    );
    if (run) runs.push(run);
  }
  return runs;
}

interface DueMoment {
  ref: string;
  quarter: QuarterRef;
  milestone: Milestone;
  job: string;
}

/**
 * Moments of the current quarter, and of the previous quarter those after its end (its close,
 * and its reminders when the network lets the period run into the new quarter), that are due,
 * oldest first. Moments before the network existed are not caught up: a network that joins
 * mid-quarter is not told about a quarter it never opened.
 */
export function dueMoments(network: NetworkRow, now: Date): DueMoment[] {
  const current = quarterOf(now, network.timeZone);
  const previous = previousQuarter(current);
  const currentStart = quarterStart(current, network.timeZone);
  const moments = [
    ...campaignMilestones(previous, network.timeZone, network)
      .filter((m) => m.kind === "close" || (m.kind !== "open" && m.fireAt >= currentStart))
      .map((m) => ({ quarter: previous, milestone: m })),
    ...campaignMilestones(current, network.timeZone, network).map((m) => ({ quarter: current, milestone: m })),
  ];
  return moments
    .filter(({ milestone }) => milestone.fireAt <= now && milestone.fireAt >= network.createdAt)
    .sort((a, b) => a.milestone.fireAt.getTime() - b.milestone.fireAt.getTime())
    .map(({ quarter, milestone }) => ({
      ref: quarterKey(quarter),
      quarter,
      milestone,
      job: campaignJob(network.id, quarter, milestone.kind),
    }));
}

export const campaignJob = (networkId: string, ref: QuarterRef, kind: string) => `campaign:${networkId}:${quarterKey(ref)}:${kind}`;

function runMoment(tx: DbClient, network: NetworkRow, moment: DueMoment, now: Date): Promise<number> {
  const { kind } = moment.milestone;
  if (kind === "open") return openAndPrompt(tx, network, moment.quarter, now);
  if (kind === "close") return closeAndSummarise(tx, network, moment.quarter, now);
  return remindNonReporters(tx, network, moment.quarter, kind, now);
}
