import { expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, auditLog } from "../../src/core/audit/audit-log.js";
import { previewReminders } from "../../src/core/campaigns/manage.js";
import { cancelEvent, createEvent } from "../../src/core/events/index.js";
import { eventsToManage } from "../../src/core/events/manage-list.js";
import { ACTIVE_DAYS, networkHealth } from "../../src/core/insights/network-health.js";
import { adminOperator } from "../../src/core/networks/operator.js";
import { audit } from "../../src/core/shared/audit.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

const person = (db: Database, name: string) => db.prisma.person.findFirstOrThrow({ where: { name }, select: { id: true, employerId: true } });

describeEachDatabase("dashboard actions: health, audit log, events and campaign", (use) => {
  it("network health: response per quarter, attendance of events that took place, active and silent, new members per quarter", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    // Old activity only, known join dates: what follows decides who counts as active.
    await db.prisma.placementReport.updateMany({ data: { submittedAt: new Date("2025-01-01T10:00:00Z") } });
    await db.prisma.placementReportRevision.updateMany({ data: { submittedAt: new Date("2025-01-01T10:00:00Z") } });
    await db.prisma.person.updateMany({ data: { createdAt: new Date("2026-02-01T10:00:00Z") } });
    const [joost, mo, fleur, els] = await Promise.all(["Joost Bakker", "Mo Yilmaz", "Fleur Jansen", "Els Meel"].map((n) => person(db, n)));
    await db.prisma.person.update({ where: { id: mo!.id }, data: { createdAt: new Date("2026-08-01T10:00:00Z") } });

    const held = await db.prisma.event.create({
      data: { networkId, number: 10, kind: "PRAKTIJKTAFEL", title: "Praktijktafel oktober", location: "Hengelo", startsAt: new Date("2026-10-08T13:00:00Z"), endsAt: new Date("2026-10-08T15:00:00Z"), capacity: 10 },
    });
    await db.prisma.event.create({
      data: { networkId, number: 11, kind: "MASTERCLASS", title: "Afgelast", location: "Enschede", startsAt: new Date("2026-09-08T13:00:00Z"), endsAt: new Date("2026-09-08T15:00:00Z"), status: "CANCELLED" },
    });
    const answers: Array<[string, "YES" | "NO", boolean]> = [[joost!.id, "YES", false], [mo!.id, "YES", false], [fleur!.id, "YES", true], [els!.id, "NO", false]];
    for (const [personId, response, waitlisted] of answers) {
      await db.prisma.rsvp.create({ data: { eventId: held.id, personId, response, waitlisted, respondedAt: new Date("2026-10-01T10:00:00Z") } });
    }
    // Only Joost answered within the window (the others' answers lie before it).
    await db.prisma.rsvpHistory.create({ data: { eventId: held.id, personId: joost!.id, response: "YES", waitlisted: false, at: new Date("2026-10-01T10:00:00Z") } });
    await db.prisma.rsvpHistory.create({ data: { eventId: held.id, personId: mo!.id, response: "YES", waitlisted: false, at: new Date("2026-01-01T10:00:00Z") } });
    // Mo gave a report within the window (logistics then counts as active through it).
    const q2 = await db.prisma.reportingPeriod.findFirstOrThrow({ where: { networkId, year: 2026, quarter: 2 } });
    const late = await db.prisma.placementReport.updateMany({ where: { employerId: mo!.employerId!, periodId: q2.id }, data: { submittedAt: new Date("2026-10-05T10:00:00Z"), submittedById: mo!.id } });
    expect(late.count).toBe(1);

    const result = await networkHealth(depsFor(db), await actor("coordinator"));
    if (!result.ok) throw new Error(result.error.key);
    const h = result.value;
    const people = await db.prisma.person.count({ where: { networkId, erasedAt: null } });
    const employers = await db.prisma.employer.count({ where: { networkId, archivedAt: null } });

    expect(h.activeDays).toBe(ACTIVE_DAYS);
    // Upcoming and cancelled events are not attendance; the waitlisted and the no are not attending.
    expect(h.attendance).toEqual([{ number: 10, title: "Praktijktafel oktober", startsAt: held.startsAt, capacity: 10, attending: 2 }]);
    expect(h.attendanceTrend.map((q) => q.label)).toEqual(["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]);
    expect(h.attendanceTrend.at(-1)).toEqual({ label: "Q4 2026", events: 1, attending: 2, average: 2 });
    expect(h.attendanceTrend.slice(0, -1).every((q) => q.events === 0 && q.average === 0)).toBe(true);
    // Joost (answered) and Mo (reported) are active; their employers too, the rest are silent.
    expect(h.members).toEqual({ active: 2, silent: people - 2 });
    expect(h.employers).toEqual({ active: 2, silent: employers - 2 });
    expect(h.newMembers.find((q) => q.label === "Q1 2026")!.count).toBe(people - 1);
    expect(h.newMembers.find((q) => q.label === "Q3 2026")!.count).toBe(1);
    expect(h.newMembers.reduce((n, q) => n + q.count, 0)).toBe(people);
    // The demo's employers joined at the start of its first reported quarter.
    expect(h.newEmployers.find((q) => q.label === "Q4 2025")!.count).toBe(employers);
    // The demo leaves one employer out of each quarter's reports.
    expect(h.responseRate.find((q) => q.label === "Q3 2026")).toEqual({ label: "Q3 2026", reported: employers - 1, employers, rate: (employers - 1) / employers });

    expect(await networkHealth(depsFor(db), await actor("logisticsHr"))).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
  });

  it("the audit log lists the network's entries newest first, with who and about what, a page at a time, and nothing of another network", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    const deps = depsFor(db);
    const coordinator = await actor("coordinator");
    const created = await createEvent(deps, coordinator, { kind: "PRAKTIJKTAFEL", title: "Kenniskring jobcarving", location: "Hengelo", startsAt: "15-12-2026 15:00", endsAt: "15-12-2026 17:00" });
    if (!created.ok) throw new Error(created.error.key);
    const number = created.value.event.number;
    await db.prisma.auditLog.updateMany({ data: { at: new Date("2026-11-25T09:00:00Z") } });
    expect((await cancelEvent({ ...deps, now: () => new Date("2026-11-25T09:30:00Z") }, coordinator, { number })).ok).toBe(true);
    await db.prisma.auditLog.updateMany({ where: { action: "event.cancel" }, data: { at: new Date("2026-11-25T09:30:00Z") } });
    // The admin binds a workspace: the network comes from the details.
    await audit(db.prisma, adminOperator, "workspace.bind", { type: "WorkspaceBinding", id: "binding-1" }, { networkId, platform: "SLACK" }, new Date("2026-11-25T09:45:00Z"));
    const other = await db.prisma.network.create({ data: { slug: "elders", name: "Elders" } });
    await audit(db.prisma, { personId: "someone-else", networkId: other.id }, "event.create", { type: "Event", id: "elsewhere" }, {}, new Date("2026-11-25T09:50:00Z"));

    const first = await auditLog(deps, coordinator, {});
    if (!first.ok) throw new Error(first.error.key);
    expect(first.value.entries.map((e) => e.action).slice(0, 3)).toEqual(["workspace.bind", "event.cancel", "event.create"]);
    expect(first.value.entries[0]).toMatchObject({ actor: { kind: "admin" }, subject: null, details: { networkId, platform: "SLACK" } });
    expect(first.value.entries[1]).toMatchObject({ actor: { kind: "person", name: "Sanne Coördinator" }, subjectType: "Event", subject: `#${number} Kenniskring jobcarving` });
    expect(first.value.entries.some((e) => e.subjectType === "Event" && e.subject === null)).toBe(false);
    const total = await db.prisma.auditLog.count({ where: { networkId } });
    expect(first.value).toMatchObject({ page: 1, total, pages: 1 });

    await db.prisma.auditLog.createMany({ data: Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => ({ actorId: coordinator.personId, action: "person.update", subjectType: "Person", subjectId: coordinator.personId, networkId, at: new Date(Date.UTC(2026, 9, 1, 0, i)) })) });
    const second = await auditLog(deps, coordinator, { page: "2" });
    if (!second.ok) throw new Error(second.error.key);
    expect(second.value).toMatchObject({ page: 2, pages: 2, total: total + AUDIT_PAGE_SIZE });
    expect(second.value.entries).toHaveLength(total);
    // The oldest rows are on the last page, and a page number that is not one reads as the first.
    expect(second.value.entries.at(-1)!.at).toEqual(new Date(Date.UTC(2026, 9, 1, 0, 0)));
    expect((await auditLog(deps, coordinator, { page: "drie" })).ok && (await auditLog(deps, coordinator, { page: "drie" }))).toMatchObject({ value: { page: 1 } });
    expect(await auditLog(deps, await actor("logisticsHr"), {})).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
  });

  it("events to manage are the upcoming ones, for coordinators only; the reminder preview counts contacts before the quarter's period exists", async () => {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    const deps = depsFor(db);
    const listed = await eventsToManage(deps, await actor("coordinator"));
    if (!listed.ok) throw new Error(listed.error.key);
    expect(listed.value.map((e) => e.number)).toEqual([1, 2]);
    expect(await eventsToManage(deps, await actor("logisticsHr"))).toMatchObject({ ok: false, error: { reason: "notAllowed" } });

    expect(await db.prisma.reportingPeriod.count({ where: { networkId, year: 2026, quarter: 4 } })).toBe(0);
    const preview = await previewReminders(deps, await actor("coordinator"));
    if (!preview.ok) throw new Error(preview.error.key);
    const contacts = await db.prisma.person.count({ where: { networkId, reportingContact: true, erasedAt: null, employer: { archivedAt: null } } });
    expect(contacts).toBeGreaterThan(0);
    expect(preview.value).toMatchObject({ label: "Q4 2026", people: contacts, paused: false, closesAt: null });
  });
});
