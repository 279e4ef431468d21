import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { previousQuarter, quarterOf } from "../reporting/quarters.js";
import { campaignMilestones, periodBounds } from "./calendar.js";
import { campaignSchedule, campaignSettingsInput, type CampaignSchedule } from "./schema.js";

export interface CampaignSettings extends CampaignSchedule {
  networkName: string;
  timeZone: string;
  /** The current quarter's moments under these settings, so a coordinator sees the dates. */
  next: { opensAt: Date; reminders: Date[]; closesAt: Date };
}

const select = { name: true, timeZone: true, reminderOffsetsDays: true, periodOpensDay: true, periodClosesAfterDays: true } as const;

/** Coordinators: when the network's quarterly period opens, reminds and closes. */
export async function campaignSettings(deps: CoreDeps, actor: Actor): Promise<Result<CampaignSettings>> {
  if (!isCoordinator(actor)) return notAllowed();
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select });
  return ok(describe(network, deps.now()));
}

/**
 * Coordinators: change the schedule (fields left out keep their value). The periods still open
 * take the new dates at once, so the prompt's deadline and the scheduler's close agree.
 */
export async function setCampaignSettings(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<CampaignSettings & { changed: string[] }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = campaignSettingsInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;
  return deps.db.$transaction(async (tx) => {
    const current = await tx.network.findUniqueOrThrow({ where: { id: actor.networkId }, select });
    const wanted = {
      reminderOffsetsDays: input.reminders ?? current.reminderOffsetsDays,
      periodOpensDay: input.opensDay ?? current.periodOpensDay,
      periodClosesAfterDays: input.closesAfterDays ?? current.periodClosesAfterDays,
    };
    const checked = campaignSchedule.safeParse(wanted);
    if (!checked.success) return invalidInput(checked.error);
    const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).filter((k) => String(wanted[k]) !== String(current[k]));
    if (changed.length === 0) return ok({ ...describe(current, deps.now()), changed });
    const updated = await tx.network.update({ where: { id: actor.networkId }, data: wanted, select });
    const now = deps.now();
    const ref = quarterOf(now, updated.timeZone);
    for (const quarter of [ref, previousQuarter(ref)]) {
      await tx.reportingPeriod.updateMany({
        where: { networkId: actor.networkId, year: quarter.year, quarter: quarter.quarter, status: "OPEN" },
        data: periodBounds(quarter, updated.timeZone, updated),
      });
    }
    await audit(tx, actor, "campaign.settings", { type: "Network", id: actor.networkId }, { fields: changed, ...wanted }, now);
    return ok({ ...describe(updated, now), changed });
  });
}

function describe(network: { name: string; timeZone: string } & CampaignSchedule, now: Date): CampaignSettings {
  const ref = quarterOf(now, network.timeZone);
  const moments = campaignMilestones(ref, network.timeZone, network);
  return {
    networkName: network.name,
    timeZone: network.timeZone,
    reminderOffsetsDays: network.reminderOffsetsDays,
    periodOpensDay: network.periodOpensDay,
    periodClosesAfterDays: network.periodClosesAfterDays,
    next: {
      opensAt: moments.find((m) => m.kind === "open")!.fireAt,
      reminders: moments.filter((m) => m.kind.startsWith("reminder-")).map((m) => m.fireAt),
      closesAt: moments.find((m) => m.kind === "close")!.fireAt,
    },
  };
}
