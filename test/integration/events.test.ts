import { expect, it } from "vitest";
import { cancelEvent, createEvent, listUpcomingEvents, respondToEvent, updateEvent, viewEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { at, newEventInput, otherNetworkCoordinator } from "./events-helpers.js";

describeEachDatabase("events: create, update, cancel, list", (use) => {
  it("creates an event with the next number, parsing Amsterdam local times, and audits it", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const result = await createEvent(depsFor(db), sanne, newEventInput());

    expect(result).toMatchObject({
      ok: true,
      value: { created: true, event: { number: 3, kind: "PRAKTIJKTAFEL", guests: ["wethouder", "UWV"], capacity: 5, revision: 1, status: "SCHEDULED" } },
    });
    if (!result.ok) return;
    // December: Amsterdam is UTC+1.
    expect(result.value.event.startsAt.toISOString()).toBe("2026-12-15T14:00:00.000Z");
    expect(result.value.event.rsvpDeadline?.toISOString()).toBe("2026-12-12T11:00:00.000Z");
    const audit = await db.prisma.auditLog.findMany({ where: { subjectId: result.value.event.id } });
    expect(audit).toMatchObject([{ action: "event.create", actorId: sanne.personId, subjectType: "Event" }]);
  });

  it("gives simultaneous creations distinct numbers", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const results = await Promise.all([1, 2, 3, 4].map((i) => createEvent(depsFor(db), sanne, newEventInput({ title: `Tafel ${i}` }))));
    const numbers = results.map((r) => (r.ok ? r.value.event.number : -1)).sort();
    expect(numbers).toEqual([3, 4, 5, 6]);
  });

  it("returns the event a form created when the same form comes back, also when both copies arrive at once", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const first = await createEvent(depsFor(db), sanne, newEventInput(), "form-a");
    const again = await createEvent(depsFor(db), sanne, newEventInput({ title: "Anders getypt" }), "form-a");
    expect(first).toMatchObject({ ok: true, value: { created: true, event: { number: 3 } } });
    expect(again).toMatchObject({ ok: true, value: { created: false, event: { number: 3, title: "Praktijktafel met UWV" } } });

    const racing = await Promise.all([1, 2, 3].map(() => createEvent(depsFor(db), sanne, newEventInput({ title: "Dubbelklik" }), "form-b")));
    expect(racing.map((r) => r.ok && r.value.created).sort()).toEqual([false, false, true]);
    expect(new Set(racing.map((r) => r.ok && r.value.event.id)).size).toBe(1);
    expect(await db.prisma.event.count({ where: { title: { in: ["Praktijktafel met UWV", "Anders getypt", "Dubbelklik"] } } })).toBe(2);
    expect(await db.prisma.auditLog.count({ where: { action: "event.create" } })).toBe(2);
  });

  it("takes ISO instants and summer time as given", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await createEvent(depsFor(db), await actor("coordinator"), newEventInput({ startsAt: "2027-07-01T15:00", endsAt: "2027-07-01T16:00:00Z", rsvpDeadline: "" }));
    expect(result.ok && [result.value.event.startsAt.toISOString(), result.value.event.endsAt.toISOString(), result.value.event.rsvpDeadline]).toEqual([
      "2027-07-01T13:00:00.000Z",
      "2027-07-01T16:00:00.000Z",
      null,
    ]);
  });

  it("refuses members creating, updating or cancelling, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);

    expect(await createEvent(depsFor(db), joost, newEventInput())).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "events.coordinatorOnly" } });
    expect(await updateEvent(depsFor(db), joost, { number: 1, title: "Gekaapt" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await cancelEvent(depsFor(db), joost, { number: 1 })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await snapshotCounts(db)).toEqual(before);
    expect((await db.prisma.event.findFirstOrThrow({ where: { number: 1 } })).title).toContain("Praktijktafel");
  });

  it("does not let a coordinator of another network see, change or cancel an event", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const other = await otherNetworkCoordinator(db);
    const demoEvent = await db.prisma.event.findFirstOrThrow({ where: { networkId: sanne.networkId, number: 1 } });
    const before = await snapshotCounts(db);

    expect(await updateEvent(depsFor(db), other, { eventId: demoEvent.id, title: "Overgenomen" })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await cancelEvent(depsFor(db), other, { eventId: demoEvent.id })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await viewEvent(depsFor(db), other, { number: 1 })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await respondToEvent(depsFor(db), other, { eventId: demoEvent.id, response: "YES" })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await snapshotCounts(db)).toEqual(before);
  });

  const badInputs: Array<[string, Record<string, unknown>, string, string]> = [
    ["empty title", { title: "   " }, "title", "field.required"],
    ["missing start", { startsAt: undefined }, "startsAt", "field.required"],
    ["negative capacity", { capacity: "-3" }, "capacity", "field.negative"],
    ["zero capacity", { capacity: 0 }, "capacity", "field.events.capacityZero"],
    ["absurd capacity", { capacity: 1_000_000 }, "capacity", "field.tooLarge"],
    ["fractional capacity", { capacity: "2.5" }, "capacity", "field.notANumber"],
    ["end before start", { endsAt: "2026-12-15T14:00" }, "endsAt", "field.events.endBeforeStart"],
    ["start in the past", { startsAt: "2026-11-20T10:00", endsAt: "2026-11-20T12:00", rsvpDeadline: "" }, "startsAt", "field.events.startInPast"],
    ["mistyped year", { startsAt: "2206-12-15T15:00", endsAt: "2206-12-15T17:00" }, "startsAt", "field.events.tooFarAhead"],
    ["deadline after start", { rsvpDeadline: "2026-12-16T10:00" }, "rsvpDeadline", "field.events.deadlineAfterStart"],
    ["impossible date", { startsAt: "2027-02-31T10:00" }, "startsAt", "field.invalidDate"],
    ["gibberish date", { endsAt: "morgen" }, "endsAt", "field.invalidDate"],
    ["http link", { onlineUrl: "http://meet.example.nl/x" }, "onlineUrl", "field.invalidUrl"],
    ["javascript link", { onlineUrl: "javascript:alert(1)" }, "onlineUrl", "field.invalidUrl"],
    ["no place at all", { location: "" }, "location", "field.events.placeRequired"],
    ["huge title", { title: "x".repeat(10_000) }, "title", "field.tooLong"],
    ["huge description", { description: "x".repeat(100_000) }, "description", "field.tooLong"],
    ["too many guests", { guests: Array.from({ length: 50 }, (_, i) => `gast ${i}`) }, "guests", "field.events.tooManyGuests"],
    ["unknown kind", { kind: "FEEST" }, "kind", "field.invalid"],
    ["title of wrong type", { title: 42 }, "title", "field.invalid"],
    ["guests of wrong type", { guests: { a: 1 } }, "guests", "field.invalid"],
    ["unknown subgroup", { subgroupId: "ckunknownsubgroup000000" }, "subgroupId", "field.events.unknownSubgroup"],
  ];
  for (const [name, overrides, field, key] of badInputs) {
    it(`refuses ${name} with a field error and changes nothing`, async () => {
      const db = use();
      const { actor } = await seedDemo(db);
      const before = await snapshotCounts(db);
      const result = await createEvent(depsFor(db), await actor("coordinator"), newEventInput(overrides));
      expect(result).toMatchObject({ ok: false, error: { reason: "invalid", fields: { [field]: { key } } } });
      expect(await snapshotCounts(db)).toEqual(before);
    });
  }

  it("refuses input that is not an object at all", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const before = await snapshotCounts(db);
    for (const raw of [null, "event", 42, []]) {
      expect((await createEvent(depsFor(db), sanne, raw)).ok).toBe(false);
      expect((await updateEvent(depsFor(db), sanne, raw)).ok).toBe(false);
      expect((await cancelEvent(depsFor(db), sanne, raw)).ok).toBe(false);
    }
    expect(await cancelEvent(depsFor(db), sanne, { number: 99 })).toMatchObject({ ok: false, error: { reason: "notFound", key: "events.notFound" } });
    expect(await cancelEvent(depsFor(db), sanne, { number: -1 })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await updateEvent(depsFor(db), sanne, { eventId: "nope", title: "x" })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("updates an event, raises the revision and tells yes/maybe/waitlisted people when time or place changes", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const [joost, mo, alex, els] = [await actor("bakeryHr"), await actor("logisticsHr"), await actor("englishSpeaker"), await actor("bakeryDirector")];
    const deps = depsFor(db);
    await updateEvent(deps, sanne, { number: 1, capacity: 1 });
    await respondToEvent(deps, joost, { number: 1, response: "ja" });
    await respondToEvent(deps, mo, { number: 1, response: "yes" }); // waitlisted
    await respondToEvent(deps, alex, { number: 1, response: "maybe" });
    await respondToEvent(deps, els, { number: 1, response: "nee" });

    const quiet = await updateEvent(deps, sanne, { number: 1, description: "Nieuwe omschrijving" });
    expect(quiet).toMatchObject({ ok: true, value: { timeOrPlaceChanged: false, notified: 0, event: { revision: 3 } } });

    const moved = await updateEvent(deps, sanne, { number: 1, location: "Raadhuis Hengelo" });
    expect(moved).toMatchObject({ ok: true, value: { timeOrPlaceChanged: true, notified: 3, event: { revision: 4, location: "Raadhuis Hengelo" } } });
    const notices = await db.prisma.outboxMessage.findMany({ where: { kind: "event.changed" }, orderBy: { idempotencyKey: "asc" } });
    expect(notices.map((n) => n.personId).sort()).toEqual([joost.personId, mo.personId, alex.personId].sort());
    const eventId = moved.ok ? moved.value.event.id : "";
    expect(notices.map((n) => n.idempotencyKey)).toContain(`event:${eventId}:changed:4:${joost.personId}`);
    expect(notices[0]!.payload).toMatchObject({ eventId, location: "Raadhuis Hengelo", revision: 4 });
    expect(await db.prisma.auditLog.count({ where: { action: "event.update", subjectId: eventId } })).toBe(3);
  });

  it("keeps the prefilled start as no move and refuses moving an event into the past", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const created = await createEvent(depsFor(db), sanne, newEventInput());
    // Later, the event has become close; sending its unchanged start back is fine.
    const later = depsFor(db, at(19));
    expect(await updateEvent(later, sanne, { number: 3, startsAt: "2026-12-15T15:00", title: "Nieuwe titel" })).toMatchObject({ ok: true });
    const before = await snapshotCounts(db);
    expect(await updateEvent(later, sanne, { number: 3, startsAt: "2026-12-01T15:00", endsAt: "2026-12-01T16:00", rsvpDeadline: "" })).toMatchObject({
      ok: false,
      error: { fields: { startsAt: { key: "field.events.startInPast" } } },
    });
    expect(await snapshotCounts(db)).toEqual(before);
    expect(created.ok).toBe(true);
  });

  it("cancels an event, tells the interested, and then refuses RSVPs and further changes", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    const deps = depsFor(db);
    await respondToEvent(deps, joost, { number: 1, response: "YES" });

    const cancelled = await cancelEvent(deps, sanne, { number: 1 });
    expect(cancelled).toMatchObject({ ok: true, value: { notified: 1, event: { status: "CANCELLED", revision: 2 } } });
    const eventId = cancelled.ok ? cancelled.value.event.id : "";
    expect(await db.prisma.outboxMessage.findMany({ where: { kind: "event.cancelled" } })).toMatchObject([
      { personId: joost.personId, idempotencyKey: `event:${eventId}:cancelled:2:${joost.personId}` },
    ]);
    expect(await db.prisma.auditLog.count({ where: { action: "event.cancel", subjectId: eventId } })).toBe(1);

    const before = await snapshotCounts(db);
    expect(await respondToEvent(deps, joost, { number: 1, response: "NO" })).toMatchObject({ ok: false, error: { key: "events.rsvp.cancelled" } });
    expect(await cancelEvent(deps, sanne, { number: 1 })).toMatchObject({ ok: false, error: { key: "events.cancel.already" } });
    expect(await updateEvent(deps, sanne, { number: 1, title: "Toch" })).toMatchObject({ ok: false, error: { key: "events.update.cancelled" } });
    expect(await snapshotCounts(db)).toEqual(before);
    const list = await listUpcomingEvents(deps, sanne);
    expect(list.ok && list.value.map((e) => e.number)).toEqual([2]);
  });

  it("lists network-wide events and those of the member's own subgroups, with counts and their answer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const [sanne, joost, fleur] = [await actor("coordinator"), await actor("bakeryHr"), await actor("careBuyer")];
    const deps = depsFor(db);
    await respondToEvent(deps, fleur, { number: 1, response: "maybe" });
    await respondToEvent(deps, joost, { number: 1, response: "yes" });

    const forJoost = await listUpcomingEvents(deps, joost);
    const forFleur = await listUpcomingEvents(deps, fleur);
    const forSanne = await listUpcomingEvents(deps, sanne);
    expect(forJoost.ok && forJoost.value.map((e) => e.number)).toEqual([1]);
    expect(forFleur.ok && forFleur.value.map((e) => e.number)).toEqual([1, 2]);
    expect(forSanne.ok && forSanne.value.map((e) => e.number)).toEqual([1, 2]);
    expect(forJoost.ok && forJoost.value[0]).toMatchObject({ counts: { attending: 1, maybe: 1, waitlisted: 0, declined: 0 }, mine: { response: "YES", waitlisted: false } });
    expect(forFleur.ok && forFleur.value[1]!.mine).toBeNull();
    // Past events drop off the agenda.
    const afterwards = await listUpcomingEvents(depsFor(db, new Date(fixedNow.getTime() + 60 * 86_400_000)), sanne);
    expect(afterwards).toEqual({ ok: true, value: [] });
  });
});
