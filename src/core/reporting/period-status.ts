import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { findNetwork, findPeriod } from "./periods.js";
import { quarterEnd, quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";
import { employersCountedInQuarter } from "../members/archive-scope.js";
import { periodInput } from "./schema.js";

export interface EmployerStatus {
  employerId: string;
  name: string;
  reported: boolean;
  ambition: number | null;
  realised: number | null;
  submittedAt: Date | null;
}

export interface PeriodStatus {
  networkId: string;
  networkName: string;
  quarter: QuarterRef;
  label: string;
  periodStatus: "OPEN" | "CLOSED" | "NOT_OPENED";
  employers: EmployerStatus[];
  totals: { employers: number; reported: number; responseRate: number; ambition: number; realised: number };
}

/** Coordinators: who reported for a quarter, who did not, and the network's totals. */
export async function periodStatus(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PeriodStatus>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = periodInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);

  const network = await findNetwork(deps.db, actor.networkId);
  const ref =
    parsed.data.year && parsed.data.quarter
      ? { year: parsed.data.year, quarter: parsed.data.quarter }
      : quarterOf(deps.now(), network.timeZone);
  const period = await findPeriod(deps.db, network.id, ref);

  const [employers, reports] = await Promise.all([
    deps.db.employer.findMany({
      where: employersCountedInQuarter(network.id, { periodId: period?.id ?? null, endsAt: quarterEnd(ref, network.timeZone) }),
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    period
      ? deps.db.placementReport.findMany({
          where: { periodId: period.id },
          select: { employerId: true, ambition: true, realised: true, submittedAt: true },
        })
      : Promise.resolve([]),
  ]);

  const byEmployer = new Map(reports.map((r) => [r.employerId, r]));
  const rows: EmployerStatus[] = employers.map((e) => {
    const report = byEmployer.get(e.id);
    return {
      employerId: e.id,
      name: e.name,
      reported: Boolean(report),
      ambition: report?.ambition ?? null,
      realised: report?.realised ?? null,
      submittedAt: report?.submittedAt ?? null,
    };
  });
  const reported = rows.filter((r) => r.reported);
  return ok({
    networkId: network.id,
    networkName: network.name,
    quarter: ref,
    label: quarterLabel(ref),
    periodStatus: period?.status ?? "NOT_OPENED",
    employers: rows,
    totals: {
      employers: rows.length,
      reported: reported.length,
      responseRate: rows.length === 0 ? 0 : reported.length / rows.length,
      ambition: sum(reported.map((r) => r.ambition ?? 0)),
      realised: sum(reported.map((r) => r.realised ?? 0)),
    },
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
