import { isCoordinator, type Actor } from "../actor.js";
import { fail, ok, type Result } from "../result.js";
import { compareQuarters, previousQuarter, quarterLabel, type QuarterRef } from "./quarters.js";

/** What is known of a quarter's period row, if it has one. */
export interface PeriodState {
  status: "OPEN" | "CLOSED";
}

/**
 * Which quarters someone may report for. Members: the open quarter, and the previous one while
 * its period is still open (a late report in the first days of a new quarter). Anything older,
 * or a quarter the network never opened, changes figures coordinators already read and reported
 * on: only a coordinator may do that, as a correction. Nobody reports for a quarter not yet begun.
 */
export function mayReportFor(actor: Actor, ref: QuarterRef, current: QuarterRef, period: PeriodState | null): Result<void> {
  const quarter = quarterLabel(ref);
  if (compareQuarters(ref, current) > 0) return fail("invalid", "reporting.futurePeriod", { quarter });
  if (isCoordinator(actor)) return ok(undefined);
  if (compareQuarters(ref, current) === 0) return period?.status === "CLOSED" ? fail("conflict", "reporting.periodClosed", { quarter }) : ok(undefined);
  if (compareQuarters(ref, previousQuarter(current)) < 0) return fail("notAllowed", "reporting.periodTooOld", { quarter, current: quarterLabel(current) });
  if (!period) return fail("notAllowed", "reporting.periodNeverOpened", { quarter, current: quarterLabel(current) });
  if (period.status === "CLOSED") return fail("conflict", "reporting.periodClosed", { quarter });
  return ok(undefined);
}
