import type { DbClient } from "../../db/database.js";

export interface EventCounts {
  id: string;
  number: number;
  title: string;
  kind: string;
  startsAt: Date;
  capacity: number | null;
  subgroupName: string | null;
  yes: number;
  maybe: number;
  no: number;
  waitlisted: number;
}

/** Scheduled events of the given networks from `now` on, with their RSVP counts. Counts only: no names. */
export async function upcomingEventCounts(db: DbClient, networkIds: string[], now: Date, take = 10): Promise<EventCounts[]> {
  const events = await db.event.findMany({
    where: { networkId: { in: networkIds }, status: "SCHEDULED", endsAt: { gte: now } },
    select: { id: true, number: true, title: true, kind: true, startsAt: true, capacity: true, subgroup: { select: { name: true } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take,
  });
  const groups = await db.rsvp.groupBy({
    by: ["eventId", "response", "waitlisted"],
    where: { eventId: { in: events.map((e) => e.id) } },
    _count: { _all: true },
  });
  return events.map((e) => {
    const mine = groups.filter((g) => g.eventId === e.id);
    const count = (response: string, waitlisted = false) =>
      mine.filter((g) => g.response === response && g.waitlisted === waitlisted).reduce((n, g) => n + g._count._all, 0);
    return {
      id: e.id,
      number: e.number,
      title: e.title,
      kind: e.kind,
      startsAt: e.startsAt,
      capacity: e.capacity,
      subgroupName: e.subgroup?.name ?? null,
      yes: count("YES"),
      maybe: count("MAYBE"),
      no: count("NO"),
      waitlisted: count("YES", true) + count("MAYBE", true),
    };
  });
}

export interface SubgroupSize {
  slug: string;
  name: string;
  members: number;
}

export async function subgroupSizes(db: DbClient, networkId: string): Promise<SubgroupSize[]> {
  const rows = await db.subgroup.findMany({
    where: { networkId },
    select: { slug: true, name: true, _count: { select: { memberships: { where: { person: { erasedAt: null } } } } } },
    orderBy: { name: "asc" },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, members: r._count.memberships }));
}
