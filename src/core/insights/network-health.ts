import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { networksInScope } from "../networks/scope.js";
import { notAllowed, ok, type Result } from "../result.js";
import { reportHistory } from "../reporting/history.js";
import { findNetwork } from "../reporting/periods.js";
import { compareQuarters, previousQuarter, quarterLabel, quarterOf, quarterStart, type QuarterRef } from "../reporting/quarters.js";

// The seeds: quality over quantity; attendance and interaction are the health signal of a network.

/** Someone who answered no evenement and gave no report in half a year (two quarters) counts as silent. */
export const ACTIVE_DAYS = 182;
/** Two years of quarters: long enough to see a trend, short enough to read on a phone. */
export const HEALTH_QUARTERS = 8;
/** The evenementen shown one by one; the trend per quarter covers all of them. */
export const HEALTH_EVENTS = 12;

const DAY_MS = 86_400_000;

export interface EventAttendance {
  number: number;
  title: string;
  startsAt: Date;
  capacity: number | null;
  /** Said yes and had a place. */
  attending: number;
}

export interface QuarterCount {
  label: string;
  count: number;
}

export interface NetworkHealth {
  networkName: string;
  responseRate: Array<{ label: string; reported: number; employers: number; rate: number }>;
  /** The last HEALTH_EVENTS evenementen that took place (not cancelled), oldest first. */
  attendance: EventAttendance[];
  /** Per quarter: evenementen held and the average attending per evenement. */
  attendanceTrend: Array<{ label: string; events: number; attending: number; average: number }>;
  members: { active: number; silent: number };
  employers: { active: number; silent: number };
  newMembers: QuarterCount[];
  newEmployers: QuarterCount[];
  activeDays: number;
}

/** Coordinators: how their network (and the networks below it) is doing, as counts only: no names. */
export async function networkHealth(deps: CoreDeps, actor: Actor): Promise<Result<NetworkHealth>> {
  if (!isCoordinator(actor)) return notAllowed();
  const now = deps.now();
  const [network, scope, history] = await Promise.all([findNetwork(deps.db, actor.networkId), networksInScope(deps, actor), reportHistory(deps, actor, {})]);
  if (!history.ok) return history;
  const tz = network.timeZone;
  const quarters = lastQuarters(quarterOf(now, tz), HEALTH_QUARTERS);
  const since = quarterStart(quarters[0]!, tz);
  const activeSince = new Date(now.getTime() - ACTIVE_DAYS * DAY_MS);

  const [events, people, employers] = await Promise.all([
    deps.db.event.findMany({
      where: { networkId: { in: scope }, status: "SCHEDULED", endsAt: { lte: now }, startsAt: { gte: since } },
      select: { number: true, title: true, startsAt: true, capacity: true, _count: { select: { rsvps: { where: { response: "YES", waitlisted: false } } } } },
      orderBy: [{ startsAt: "asc" }, { number: "asc" }],
    }),
    deps.db.person.findMany({ where: { networkId: { in: scope }, erasedAt: null }, select: { id: true, employerId: true, createdAt: true } }),
    deps.db.employer.findMany({ where: { networkId: { in: scope }, archivedAt: null }, select: { id: true, joinedAt: true } }),
  ]);
  const personIds = people.map((p) => p.id);
  const recent = { submittedAt: { gte: activeSince } };
  // A report's latest version is on the report, earlier ones in its revisions.
  const [answered, reported, revised] = await Promise.all([
    deps.db.rsvpHistory.findMany({ where: { personId: { in: personIds }, at: { gte: activeSince } }, select: { personId: true }, distinct: ["personId"] }),
    deps.db.placementReport.findMany({ where: { employerId: { in: employers.map((e) => e.id) }, ...recent }, select: { employerId: true, submittedById: true } }),
    deps.db.placementReportRevision.findMany({ where: { report: { employerId: { in: employers.map((e) => e.id) } }, ...recent }, select: { submittedById: true, report: { select: { employerId: true } } } }),
  ]);
  const inScope = new Set(personIds);
  const reporters = [...reported.map((r) => r.submittedById), ...revised.map((r) => r.submittedById)].filter((id): id is string => id !== null && inScope.has(id));
  const activePeople = new Set([...answered.map((a) => a.personId), ...reporters]);
  const activeEmployers = new Set([...reported.map((r) => r.employerId), ...revised.map((r) => r.report.employerId)]);
  for (const p of people) if (p.employerId && activePeople.has(p.id)) activeEmployers.add(p.employerId);
  const countedEmployers = employers.filter((e) => activeEmployers.has(e.id)).length;

  const attendance = events.map((e) => ({ number: e.number, title: e.title, startsAt: e.startsAt, capacity: e.capacity, attending: e._count.rsvps }));
  const perQuarter = (dates: Date[]) => quarters.map((q) => ({ label: quarterLabel(q), count: dates.filter((d) => sameQuarter(quarterOf(d, tz), q)).length }));
  return ok({
    networkName: network.name,
    responseRate: history.value.slice(-HEALTH_QUARTERS).map((q) => ({ label: q.label, reported: q.reported, employers: q.employers, rate: q.responseRate })),
    attendance: attendance.slice(-HEALTH_EVENTS),
    attendanceTrend: quarters.map((q) => {
      const held = attendance.filter((e) => sameQuarter(quarterOf(e.startsAt, tz), q));
      const total = held.reduce((n, e) => n + e.attending, 0);
      return { label: quarterLabel(q), events: held.length, attending: total, average: held.length ? total / held.length : 0 };
    }),
    members: { active: activePeople.size, silent: people.length - activePeople.size },
    employers: { active: countedEmployers, silent: employers.length - countedEmployers },
    newMembers: perQuarter(people.map((p) => p.createdAt)),
    newEmployers: perQuarter(employers.map((e) => e.joinedAt)),
    activeDays: ACTIVE_DAYS,
  });
}

function lastQuarters(current: QuarterRef, count: number): QuarterRef[] {
  const list = [current];
  while (list.length < count) list.unshift(previousQuarter(list[0]!));
  return list;
}

const sameQuarter = (a: QuarterRef, b: QuarterRef) => compareQuarters(a, b) === 0;
