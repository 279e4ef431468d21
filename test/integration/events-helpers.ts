import type { Actor } from "../../src/core/actor.js";
import { actorForPerson } from "../../src/core/members/actor-lookup.js";
import type { Database } from "../../src/db/database.js";
import { fixedNow } from "../support/fixtures.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Form-like input for a new event, a week after the fixed clock. */
export function newEventInput(overrides: Record<string, unknown> = {}) {
  return {
    kind: "PRAKTIJKTAFEL",
    title: "Praktijktafel met UWV",
    description: "Over duurzame plaatsingen.",
    guests: "wethouder, UWV",
    location: "Stadhuis Enschede",
    startsAt: "2026-12-15T15:00",
    endsAt: "2026-12-15T17:00",
    capacity: "5",
    rsvpDeadline: "2026-12-12T12:00",
    ...overrides,
  };
}

export const at = (days: number, hours = 0) => new Date(fixedNow.getTime() + days * DAY + hours * HOUR);

/** Extra members of the demo network (the demo has too few people for capacity tests). */
export async function extraMembers(db: Database, networkId: string, count: number): Promise<Actor[]> {
  const employer = await db.prisma.employer.findFirstOrThrow({ where: { networkId }, select: { id: true } });
  const actors: Actor[] = [];
  for (let i = 0; i < count; i++) {
    const person = await db.prisma.person.create({
      data: { networkId, employerId: employer.id, name: `Lid ${i + 1}`, email: `lid${i + 1}@example.nl` },
      select: { id: true },
    });
    actors.push((await actorForPerson(db.prisma, person.id))!);
  }
  return actors;
}

/** A coordinator of a second network, to prove networks cannot touch each other's events. */
export async function otherNetworkCoordinator(db: Database): Promise<Actor> {
  const network = await db.prisma.network.create({ data: { slug: "99vanelders", name: "99vanElders" } });
  const person = await db.prisma.person.create({
    data: { networkId: network.id, name: "Andere Coördinator", email: "ander@example.nl", role: "COORDINATOR" },
    select: { id: true },
  });
  return (await actorForPerson(db.prisma, person.id))!;
}
