import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { quarterLabel } from "../reporting/quarters.js";
import { publicFiguresInput } from "./schema.js";
import { mergeSmallGroups, type Group } from "./suppression.js";

export interface PublicQuarter {
  label: string;
  year: number;
  quarter: number;
  /** Employers that reported; shown even when the figure itself is suppressed. */
  reporting: number;
  /** null: fewer than minGroupSize employers reported, so the sum could single one out. */
  realised: number | null;
}

export interface PublicFigures {
  networkName: string;
  minGroupSize: number;
  employers: number;
  /** The network itself is smaller than minGroupSize: no figures at all. */
  suppressedAll: boolean;
  totals: { realised: number; ambition: number } | null;
  trend: PublicQuarter[];
  /** Per branche; small branches are merged into one "other" group (name null). */
  groups: Group[];
}

/**
 * Aggregate-only placements for a praktijktafel or the press, built so that no employer can be
 * singled out: every number shown is a sum over at least minGroupSize employers.
 */
export async function publicFigures(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PublicFigures>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = publicFiguresInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { minGroupSize: k, quarters } = parsed.data;

  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true } });
  const [employers, periods] = await Promise.all([
    deps.db.employer.findMany({ where: { networkId: actor.networkId }, select: { id: true, branche: true, ambition: true } }),
    deps.db.reportingPeriod.findMany({
      where: { networkId: actor.networkId },
      select: { id: true, year: true, quarter: true, reports: { select: { employerId: true, realised: true } } },
      orderBy: [{ year: "desc" }, { quarter: "desc" }],
      take: quarters,
    }),
  ]);
  const base = { networkName: network.name, minGroupSize: k, employers: employers.length };
  if (employers.length < k) return ok({ ...base, suppressedAll: true, totals: null, trend: [], groups: [] });

  const trend: PublicQuarter[] = periods.reverse().map((p) => ({
    label: quarterLabel(p),
    year: p.year,
    quarter: p.quarter,
    reporting: p.reports.length,
    realised: p.reports.length >= k ? sum(p.reports.map((r) => r.realised)) : null,
  }));
  // Only quarters that are shown feed the totals and groups; otherwise "total minus the shown
  // quarters" would give back a suppressed quarter.
  const shown = periods.filter((p) => p.reports.length >= k).flatMap((p) => p.reports);
  const branche = new Map(employers.map((e) => [e.id, e.branche]));
  const byBranche = new Map<string, { employers: Set<string>; realised: number }>();
  for (const r of shown) {
    const name = branche.get(r.employerId) ?? "";
    const group = byBranche.get(name) ?? { employers: new Set<string>(), realised: 0 };
    group.employers.add(r.employerId);
    group.realised += r.realised;
    byBranche.set(name, group);
  }
  const groups = mergeSmallGroups(
    [...byBranche].map(([name, g]) => ({ name, employers: g.employers.size, realised: g.realised })),
    k,
  );
  return ok({
    ...base,
    suppressedAll: false,
    totals: { realised: sum(shown.map((r) => r.realised)), ambition: sum(employers.map((e) => e.ambition)) },
    trend,
    groups,
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
