import { expect, it } from "vitest";
import {
  attendeeList,
  cancelEvent,
  enqueueEventReminders,
  eventCalendar,
  releasePlacesOf,
  removeAttendee,
  respondToEvent,
  updateEvent,
} from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { at, extraMembers } from "./events-helpers.js";

describeEachDatabase("events: RSVPs, waiting list, attendees, calendar, reminders", (use) => {
  async function capacityEvent(capacity: number) {
    const db = use();
    const demo = await demo_(db);
    await updateEvent(depsFor(db), demo.sanne, { number: 1, capacity });
    const event = await db.prisma.event.findFirstOrThrow({ where: { networkId: demo.sanne.networkId, number: 1 } });
    return { db, ...demo, event };
  }
  async function demo_(db: ReturnType<typeof use>) {
    const { actor, networkId } = await seedDemo(db);
    return { networkId, sanne: await actor("coordinator"), joost: await actor("bakeryHr"), mo: await actor("logisticsHr"), alex: await actor("englishSpeaker"), fleur: await actor("careBuyer") };
  }

  it("records yes / maybe / no, lets people change their answer, and keeps every answer in history", async () => {
    const { db, joost, event } = await capacityEvent(12);
    const deps = depsFor(db);
    expect(await respondToEvent(deps, joost, { number: "1", response: "ja" })).toMatchObject({ ok: true, value: { response: "YES", waitlisted: false, position: null } });
    expect(await respondToEvent(deps, joost, { eventId: event.id, response: "misschien" })).toMatchObject({ ok: true, value: { response: "MAYBE" } });
    expect(await respondToEvent(deps, joost, { number: 1, response: "NO" })).toMatchObject({ ok: true, value: { response: "NO" } });
    expect(await db.prisma.rsvp.findMany({ where: { eventId: event.id } })).toMatchObject([{ personId: joost.personId, response: "NO", waitlisted: false }]);
    const history = await db.prisma.rsvpHistory.findMany({ where: { eventId: event.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => h.response).sort()).toEqual(["MAYBE", "NO", "YES"]);
  });

  it("puts yes beyond capacity on the waiting list in order and promotes the first when someone with a place says no", async () => {
    const { db, sanne, joost, mo, alex, fleur, event } = await capacityEvent(1);
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });
    expect(await respondToEvent(deps, mo, { number: 1, response: "YES" })).toMatchObject({ ok: true, value: { waitlisted: true, position: 1 } });
    expect(await respondToEvent(deps, alex, { number: 1, response: "YES" })).toMatchObject({ ok: true, value: { waitlisted: true, position: 2 } });
    // Saying yes again keeps one's place in line.
    expect(await respondToEvent(deps, mo, { number: 1, response: "YES" })).toMatchObject({ ok: true, value: { waitlisted: true, position: 1 } });
    await respondToEvent(deps, fleur, { number: 1, response: "MAYBE" });

    const released = await respondToEvent(deps, joost, { number: 1, response: "MAYBE" });
    expect(released).toMatchObject({ ok: true, value: { promoted: 1 } });
    expect(await db.prisma.rsvp.findUniqueOrThrow({ where: { eventId_personId: { eventId: event.id, personId: mo.personId } } })).toMatchObject({ waitlisted: false, waitlistedAt: null });
    const notice = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "event.promoted" } });
    expect(notice).toMatchObject({ personId: mo.personId, status: "PENDING", payload: { eventId: event.id, number: 1 } });
    expect(notice.idempotencyKey).toMatch(new RegExp(`^event:${event.id}:promoted:2:${mo.personId}:`));
    expect(await db.prisma.rsvpHistory.count({ where: { eventId: event.id, personId: mo.personId, waitlisted: false, response: "YES" } })).toBe(1);

    const list = await attendeeList(deps, sanne, { number: 1 });
    expect(list.ok && list.value.attending.map((a) => a.name)).toEqual(["Mo Yilmaz"]);
    expect(list.ok && list.value.waitlist.map((a) => a.name)).toEqual(["Alex Morgan"]);
    expect(list.ok && list.value.maybe.map((a) => a.name).sort()).toEqual(["Fleur Jansen", "Joost Bakker"]);
  });

  it("promotes from the waiting list when the coordinator raises the capacity, never demotes when lowering it", async () => {
    const { db, sanne, joost, mo, alex, event } = await capacityEvent(1);
    const deps = depsFor(db);
    for (const person of [joost, mo, alex]) await respondToEvent(deps, person, { number: 1, response: "YES" });
    await updateEvent(deps, sanne, { number: 1, capacity: 2 });
    expect(await db.prisma.outboxMessage.findMany({ where: { kind: "event.promoted" }, select: { personId: true } })).toEqual([{ personId: mo.personId }]);
    await updateEvent(deps, sanne, { number: 1, capacity: 1 });
    expect(await db.prisma.rsvp.count({ where: { eventId: event.id, waitlisted: false, response: "YES" } })).toBe(2);
  });

  it("gives exactly the capacity to 20 people saying yes at the same moment", async () => {
    const { db, networkId, event } = await capacityEvent(5);
    const people = await extraMembers(db, networkId, 20);
    const deps = depsFor(db);

    const results = await Promise.all(people.map((p) => respondToEvent(deps, p, { eventId: event.id, response: "YES" })));

    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.prisma.rsvp.count({ where: { eventId: event.id, response: "YES", waitlisted: false } })).toBe(5);
    expect(await db.prisma.rsvp.count({ where: { eventId: event.id, response: "YES", waitlisted: true } })).toBe(15);
    const positions = results.map((r) => (r.ok ? r.value.position : null)).filter((p) => p !== null).sort((a, b) => a! - b!);
    expect(positions).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect(await db.prisma.rsvpHistory.count({ where: { eventId: event.id } })).toBe(20);
  });

  it("refuses RSVPs after the deadline, on past events, for others' subgroups, unknown numbers and bad answers, changing nothing", async () => {
    const { db, joost, event } = await capacityEvent(12);
    const before = await snapshotCounts(db);
    const afterDeadline = depsFor(db, new Date(event.rsvpDeadline!.getTime() + 60_000));
    const afterStart = depsFor(db, new Date(event.startsAt.getTime() + 60_000));
    expect(await respondToEvent(afterDeadline, joost, { number: 1, response: "YES" })).toMatchObject({ ok: false, error: { reason: "conflict", key: "events.rsvp.deadlinePassed" } });
    expect(await respondToEvent(afterStart, joost, { number: 1, response: "YES" })).toMatchObject({ ok: false, error: { key: "events.rsvp.past" } });
    // Event 2 belongs to subgroup "inclusief-inkopen"; Joost is not in it.
    expect(await respondToEvent(depsFor(db), joost, { number: 2, response: "YES" })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await respondToEvent(depsFor(db), joost, { number: 404, response: "YES" })).toMatchObject({ ok: false, error: { reason: "notFound", params: { number: "404" } } });
    for (const bad of [
      { number: 1, response: "graag" },
      { number: 1 },
      { number: "een", response: "ja" },
      { number: -1, response: "ja" },
      { response: "ja" },
      { eventId: 12, response: "ja" },
      { eventId: "x".repeat(500), response: "ja" },
      null,
    ]) {
      expect(await respondToEvent(depsFor(db), joost, bad)).toMatchObject({ ok: false, error: { reason: "invalid" } });
    }
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("lets members of the subgroup respond to its event", async () => {
    const { db, fleur } = await capacityEvent(12);
    expect(await respondToEvent(depsFor(db), fleur, { number: 2, response: "YES" })).toMatchObject({ ok: true, value: { number: 2 } });
  });

  it("shows the attendee list with employers to coordinators only", async () => {
    const { db, sanne, joost, mo } = await capacityEvent(12);
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });
    await respondToEvent(deps, mo, { number: 1, response: "NO" });
    const list = await attendeeList(deps, sanne, { number: 1 });
    expect(list).toMatchObject({
      ok: true,
      value: { attending: [{ name: "Joost Bakker", employer: "Bakkerij De Korenschoof" }], declined: [{ name: "Mo Yilmaz", employer: "Hengelo Logistiek BV" }], maybe: [], waitlist: [] },
    });
    expect(await attendeeList(deps, joost, { number: 1 })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await attendeeList(deps, sanne, { number: 77 })).toMatchObject({ ok: false, error: { reason: "notFound" } });
  });

  it("lets a coordinator take someone off the list, promoting the first in line, and audits it", async () => {
    const { db, sanne, joost, mo, alex, event } = await capacityEvent(1);
    const deps = depsFor(db);
    for (const person of [joost, mo, alex]) await respondToEvent(deps, person, { number: 1, response: "YES" });
    const before = await snapshotCounts(db);
    expect(await removeAttendee(deps, joost, { number: 1, personId: mo.personId })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await removeAttendee(deps, sanne, { number: 1, personId: "someone-else" })).toMatchObject({ ok: false, error: { key: "events.attendee.notFound" } });
    expect(await removeAttendee(deps, sanne, { number: 1 })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await snapshotCounts(db)).toEqual(before);

    expect(await removeAttendee(deps, sanne, { number: 1, personId: joost.personId })).toEqual({ ok: true, value: { promoted: 1, told: true, name: "Joost Bakker", number: 1 } });
    const answers = await db.prisma.rsvp.findMany({ where: { eventId: event.id }, select: { personId: true, response: true, waitlisted: true } });
    expect(answers).toEqual(
      expect.arrayContaining([
        { personId: joost.personId, response: "NO", waitlisted: false },
        { personId: mo.personId, response: "YES", waitlisted: false },
        { personId: alex.personId, response: "YES", waitlisted: true },
      ]),
    );
    expect(await db.prisma.outboxMessage.findMany({ where: { kind: "event.promoted" }, select: { personId: true } })).toEqual([{ personId: mo.personId }]);
    // The one taken off is told, so nobody turns up expecting a place.
    expect(await db.prisma.outboxMessage.findMany({ where: { kind: "event.removed" }, select: { personId: true } })).toEqual([{ personId: joost.personId }]);
    expect(await db.prisma.auditLog.count({ where: { action: "event.removeAttendee", subjectId: event.id, actorId: sanne.personId } })).toBe(1);
    // Taking a waitlisted person off frees no place; they are told as well.
    expect(await removeAttendee(deps, sanne, { number: 1, personId: alex.personId })).toEqual({ ok: true, value: { promoted: 0, told: true, name: "Alex Morgan", number: 1 } });
  });

  it("gives the places of a person being erased to the waiting list", async () => {
    const { db, joost, mo, event } = await capacityEvent(1);
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });
    await respondToEvent(deps, mo, { number: 1, response: "YES" });
    const promoted = await db.prisma.$transaction((tx) => releasePlacesOf(tx, joost.personId, deps.now()));
    expect(promoted).toBe(1);
    expect(await db.prisma.rsvp.findMany({ where: { eventId: event.id }, select: { personId: true, waitlisted: true } })).toEqual([{ personId: mo.personId, waitlisted: false }]);
    expect(await db.prisma.$transaction((tx) => releasePlacesOf(tx, joost.personId, deps.now()))).toBe(0);
  });

  it("gives a place freed outside the events module to the waiting list before the next yes", async () => {
    const { db, joost, mo, alex, event } = await capacityEvent(1);
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });
    await respondToEvent(deps, mo, { number: 1, response: "YES" });
    await db.prisma.rsvp.delete({ where: { eventId_personId: { eventId: event.id, personId: joost.personId } } });

    expect(await respondToEvent(deps, alex, { number: 1, response: "YES" })).toMatchObject({ ok: true, value: { waitlisted: true, position: 1, promoted: 0 } });
    expect(await db.prisma.rsvp.findUniqueOrThrow({ where: { eventId_personId: { eventId: event.id, personId: mo.personId } } })).toMatchObject({ waitlisted: false });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "event.promoted", personId: mo.personId } })).toBe(1);
  });

  it("produces an .ics entry in UTC with the Amsterdam zone, place and link, and CANCELLED once cancelled", async () => {
    const { db, sanne, joost, event } = await capacityEvent(12);
    const deps = depsFor(db);
    const file = await eventCalendar(deps, joost, { number: 1 });
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    // Unfold RFC 5545 continuation lines (long lines are folded at 75 octets).
    const ics = file.value.content.replace(/\r\n[ \t]/g, "");
    expect(file.value.filename).toBe("evenement-1.ics");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("X-WR-TIMEZONE:Europe/Amsterdam");
    expect(ics).toContain(`UID:event-${event.id}@netwerkbot`);
    expect(ics).toContain(`DTSTART:${compact(event.startsAt)}`);
    expect(ics).toContain(`DTEND:${compact(event.endsAt)}`);
    expect(ics).toContain("LOCATION:Zorggroep Dinkel\\, Oldenzaal");
    expect(ics).toContain("STATUS:CONFIRMED");
    expect(ics).toMatch(/DESCRIPTION:.*Gasten: wethouder Werk en Inkomen/);

    await cancelEvent(deps, sanne, { number: 1 });
    const cancelled = await eventCalendar(deps, joost, { number: 1 });
    expect(cancelled.ok && cancelled.value.content).toContain("STATUS:CANCELLED");
    expect(cancelled.ok && cancelled.value.content).toContain("SEQUENCE:3");

    const online = await eventCalendar(deps, sanne, { number: 2 });
    expect(online.ok && online.value.content).toContain("URL:https://meet.example.nl/masterclass-inkopen");
    expect(await eventCalendar(deps, joost, { number: 2 })).toMatchObject({ ok: false, error: { reason: "notFound" } });
  });

  it("enqueues one reminder per revision to attending and waitlisted people, none for cancelled events", async () => {
    const { db, sanne, joost, mo, alex, fleur, event } = await capacityEvent(1);
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });
    await respondToEvent(deps, mo, { number: 1, response: "YES" }); // waitlisted
    await respondToEvent(deps, alex, { number: 1, response: "MAYBE" });
    await respondToEvent(deps, fleur, { number: 1, response: "NO" });

    expect(await enqueueEventReminders(db.prisma, event.id, at(1))).toBe(2);
    expect(await enqueueEventReminders(db.prisma, event.id, at(1))).toBe(0);
    const reminders = await db.prisma.outboxMessage.findMany({ where: { kind: "event.reminder" }, select: { idempotencyKey: true } });
    expect(reminders.map((r) => r.idempotencyKey).sort()).toEqual(
      [`event:${event.id}:reminder:2:${joost.personId}`, `event:${event.id}:reminder:2:${mo.personId}`].sort(),
    );
    await cancelEvent(deps, sanne, { number: 1 });
    expect(await enqueueEventReminders(db.prisma, event.id, at(1))).toBe(0);
    expect(await enqueueEventReminders(db.prisma, "unknown", at(1))).toBe(0);
  });
});

function compact(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
