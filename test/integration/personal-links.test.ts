import { expect, it } from "vitest";
import { attendeeList, cancelEvent, eraseExpiredGuests, GUEST_RETENTION_DAYS, inviteGuest, respondToEvent, updateEvent } from "../../src/core/events/index.js";
import { issueReportLink, issueRsvpLinks, reportLinkForm, respondByLink, revokeLinks, rsvpLinkPage, submitReportByLink, verifyLink } from "../../src/core/links/index.js";
import { erasePersonData } from "../../src/core/members/erase-data.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { extraMembers } from "./events-helpers.js";

const Q4 = { year: 2026, quarter: 4 };
const DAY = 86_400_000;

/** The same token with one character changed, as a mangled copy-paste would give. */
const tampered = (token: string) => `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;

describeEachDatabase("personal links: report and RSVP forms without an account", (use) => {
  async function setUp() {
    const db = use();
    const { networkId, actor } = await seedDemo(db);
    return { db, networkId, deps: depsFor(db), sanne: await actor("coordinator"), joost: await actor("bakeryHr"), els: await actor("bakeryDirector") };
  }

  it("a report link opens its employer's quarter, saves once per form, and a new form is a correction", async () => {
    const { db, deps, joost, els } = await setUp();
    const issued = await issueReportLink(deps, { personId: joost.personId, ...Q4 });
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    expect(issued.value.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.value.path).toBe(`/link/${issued.value.token}`);
    expect(issued.value.expiresAt.toISOString()).toBe("2026-12-31T23:00:00.000Z");
    // Only the hash is stored.
    expect(await db.prisma.personalLink.count({ where: { tokenHash: issued.value.token } })).toBe(0);

    const form = await reportLinkForm(deps, issued.value.token);
    expect(form).toMatchObject({ ok: true, value: { employerName: "Bakkerij De Korenschoof", label: "Q4 2026", current: null, link: { submissions: 0, locale: "nl" } } });

    const first = await submitReportByLink(deps, issued.value.token, { send: "0", realised: "5", ambition: "12", remark: "" });
    expect(first).toMatchObject({ ok: true, value: { report: { version: 1, realised: 5, corrected: false } } });
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employer: { name: "Bakkerij De Korenschoof" }, period: Q4 } });
    expect(report).toMatchObject({ realised: 5, submittedById: joost.personId, submittedVia: "WEB" });

    // The same form sent again (a double tap, the back button): refused, nothing stored.
    const before = await snapshotCounts(db);
    expect(await submitReportByLink(deps, issued.value.token, { send: "0", realised: "6", ambition: "12" })).toMatchObject({ ok: false, error: { key: "links.alreadySent" } });
    expect(await snapshotCounts(db)).toEqual(before);

    // Opened again: the form shows the current figure and who gave it; sending it corrects.
    const again = await reportLinkForm(deps, issued.value.token);
    expect(again).toMatchObject({ ok: true, value: { current: { realised: 5, ambition: 12, by: "Joost Bakker", version: 1 }, link: { submissions: 1 } } });
    const correction = await submitReportByLink(deps, issued.value.token, { send: "1", realised: "7", ambition: "14" });
    expect(correction).toMatchObject({ ok: true, value: { report: { version: 2, realised: 7, corrected: true } } });
    expect(await db.prisma.placementReportRevision.count({ where: { reportId: report.id } })).toBe(2);

    // A colleague's link for the same employer shows Joost's figure.
    const elsLink = await issueReportLink(deps, { personId: els.personId, ...Q4 });
    if (!elsLink.ok) throw new Error("no link");
    expect(await reportLinkForm(deps, elsLink.value.token)).toMatchObject({ ok: true, value: { current: { realised: 7, by: "Joost Bakker", version: 2 } } });
  });

  it("refuses a remark with personal data like chat does, stores nothing, and the same form can be sent once fixed", async () => {
    const { db, deps, joost } = await setUp();
    const issued = await issueReportLink(deps, { personId: joost.personId, ...Q4 });
    if (!issued.ok) throw new Error("no link");
    const before = await snapshotCounts(db);
    const refused = await submitReportByLink(deps, issued.value.token, { send: "0", realised: "2", ambition: "12", remark: "autisme en begeleiding" });
    expect(refused).toMatchObject({ ok: false, error: { fields: { remark: { key: "reporting.remark.health" } } } });
    expect(await submitReportByLink(deps, issued.value.token, { send: "0", realised: "-1", ambition: "12" })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await submitReportByLink(deps, issued.value.token, { send: "0", realised: "2", ambition: "12", remark: "zomerbanen" })).toMatchObject({ ok: true });
  });

  it("tells tampered, unknown, revoked and expired links apart, and none of them stores anything", async () => {
    const { db, deps, joost, networkId } = await setUp();
    const issued = await issueReportLink(deps, { personId: joost.personId, ...Q4 });
    if (!issued.ok) throw new Error("no link");
    const { token } = issued.value;
    const before = await snapshotCounts(db);
    const send = { send: "0", realised: "3", ambition: "12" };

    for (const bad of [tampered(token), token.slice(0, 40), `${token}x`, "../../etc/passwd", 42, undefined]) {
      expect(await verifyLink(deps, bad)).toMatchObject({ ok: false, error: { key: "links.invalid" } });
      expect(await submitReportByLink(deps, bad, send)).toMatchObject({ ok: false, error: { key: "links.invalid" } });
    }

    const later = depsFor(db, new Date("2027-01-01T00:00:00Z"));
    expect(await submitReportByLink(later, token, send)).toMatchObject({ ok: false, error: { key: "links.expired" } });
    // A period closed early (by a coordinator) ends its links too.
    await db.prisma.reportingPeriod.updateMany({ where: { networkId, ...Q4 }, data: { status: "CLOSED" } });
    expect(await verifyLink(deps, token)).toMatchObject({ ok: false, error: { key: "links.expired" } });
    await db.prisma.reportingPeriod.updateMany({ where: { networkId, ...Q4 }, data: { status: "OPEN" } });

    expect(await revokeLinks(deps, { token })).toEqual({ ok: true, value: 1 });
    expect(await submitReportByLink(deps, token, send)).toMatchObject({ ok: false, error: { key: "links.revoked" } });
    expect(await snapshotCounts(db)).toEqual(before);

    // Revoking all of a person's links; a link for a closed quarter is not even made.
    const other = await issueReportLink(deps, { personId: joost.personId, ...Q4 });
    expect(await revokeLinks(deps, { personId: joost.personId })).toEqual({ ok: true, value: 1 });
    if (other.ok) expect(await verifyLink(deps, other.value.token)).toMatchObject({ ok: false, error: { key: "links.revoked" } });
    expect(await issueReportLink(later, { personId: joost.personId, ...Q4 })).toMatchObject({ ok: false, error: { key: "links.periodClosed" } });
    expect(await revokeLinks(deps, {})).toMatchObject({ ok: false });
  });

  it("RSVP links: a member answers, the same form twice is refused, a new answer changes it", async () => {
    const { db, deps, joost } = await setUp();
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    const links = await issueRsvpLinks(deps, { eventId: event.id, personId: joost.personId });
    if (!links.ok) throw new Error(JSON.stringify(links.error));
    expect(links.value.answers).toEqual({ ja: `${links.value.path}?antwoord=ja`, misschien: `${links.value.path}?antwoord=misschien`, nee: `${links.value.path}?antwoord=nee` });
    expect(links.value.expiresAt).toEqual(event.rsvpDeadline);
    const { token } = links.value;

    expect(await rsvpLinkPage(deps, token)).toMatchObject({ ok: true, value: { current: null, guest: false, event: { title: event.title } } });
    expect(await respondByLink(deps, token, { send: "0", response: "YES" })).toMatchObject({ ok: true, value: { outcome: { response: "YES", waitlisted: false } } });
    expect(await respondByLink(deps, token, { send: "0", response: "NO" })).toMatchObject({ ok: false, error: { key: "links.alreadySent" } });
    expect(await db.prisma.rsvp.findFirst({ where: { eventId: event.id, personId: joost.personId } })).toMatchObject({ response: "YES" });
    expect(await respondByLink(deps, token, { send: "1", response: "MAYBE" })).toMatchObject({ ok: true, value: { outcome: { response: "MAYBE" } } });
    expect(await rsvpLinkPage(deps, token)).toMatchObject({ ok: true, value: { current: { response: "MAYBE" } } });
    expect(await respondByLink(deps, token, { send: "2", response: "SOMETIMES" })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    // A report token does not answer an event, nor the other way round.
    expect(await submitReportByLink(deps, token, { send: "2", realised: "1", ambition: "1" })).toMatchObject({ ok: false, error: { key: "links.invalid" } });
    // After the deadline the link has expired.
    const afterDeadline = depsFor(db, new Date(event.rsvpDeadline!.getTime() + 1));
    expect(await respondByLink(afterDeadline, token, { send: "2", response: "YES" })).toMatchObject({ ok: false, error: { key: "links.expired" } });
  });

  it("external guests: invited by a coordinator, answer by link, take seats, wait in the one line, and show on the attendee list", async () => {
    const { db, networkId, deps, sanne, joost } = await setUp();
    expect(await updateEvent(deps, sanne, { number: 1, capacity: "2" })).toMatchObject({ ok: true });
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    expect(await inviteGuest(deps, joost, { number: 1, email: "wethouder@gemeente.example" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await inviteGuest(deps, sanne, { number: 1, email: "geen adres" })).toMatchObject({ ok: false, error: { fields: { email: { key: "field.invalidEmail" } } } });

    const invited = await inviteGuest(deps, sanne, { number: 1, email: "Wethouder@Gemeente.example", name: "Wethouder Werk" });
    if (!invited.ok) throw new Error(JSON.stringify(invited.error));
    expect(invited.value).toMatchObject({ email: "wethouder@gemeente.example", created: true });
    expect(await inviteGuest(deps, sanne, { number: 1, email: "wethouder@gemeente.example" })).toMatchObject({ ok: true, value: { guestId: invited.value.guestId, created: false } });

    const guestLinks = await issueRsvpLinks(deps, { eventId: event.id, guestId: invited.value.guestId });
    if (!guestLinks.ok) throw new Error("no link");
    expect(await rsvpLinkPage(deps, guestLinks.value.token)).toMatchObject({ ok: true, value: { guest: true, current: null } });
    expect(await respondByLink(deps, guestLinks.value.token, { send: "0", response: "YES" })).toMatchObject({ ok: true, value: { outcome: { waitlisted: false } } });

    // Capacity 2: the guest and Joost take the seats, the next member waits.
    const [lid] = await extraMembers(db, networkId, 1);
    expect(await respondToEvent(deps, joost, { number: 1, response: "ja" })).toMatchObject({ ok: true, value: { waitlisted: false } });
    expect(await respondToEvent(deps, lid!, { number: 1, response: "ja" })).toMatchObject({ ok: true, value: { waitlisted: true, position: 1 } });
    const full = await attendeeList(deps, sanne, { number: 1 });
    expect(full).toMatchObject({ ok: true, value: { attending: [{ name: "Joost Bakker" }], waitlist: [{ name: "Lid 1" }], guests: [{ name: "Wethouder Werk", email: "wethouder@gemeente.example", response: "YES", waitlisted: false }] } });

    // The guest says no: the first in line gets the seat.
    expect(await respondByLink(deps, guestLinks.value.token, { send: "1", response: "NO" })).toMatchObject({ ok: true, value: { outcome: { promoted: 1 } } });
    expect(await db.prisma.rsvp.findFirst({ where: { personId: lid!.personId } })).toMatchObject({ waitlisted: false });
    // The guest wants to come again: now it is the guest who waits.
    expect(await respondByLink(deps, guestLinks.value.token, { send: "2", response: "YES" })).toMatchObject({ ok: true, value: { outcome: { waitlisted: true, position: 1 } } });
    // Joost gives up his seat: it goes to the guest in line.
    expect(await respondToEvent(deps, joost, { number: 1, response: "nee" })).toMatchObject({ ok: true, value: { promoted: 1 } });
    expect(await db.prisma.eventGuest.findUniqueOrThrow({ where: { id: invited.value.guestId } })).toMatchObject({ response: "YES", waitlisted: false });
  });

  it("guests are erased with the event's data a month after it ends; an erased person's links go with them", async () => {
    const { db, deps, sanne, joost } = await setUp();
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    const invited = await inviteGuest(deps, sanne, { number: 1, email: "uwv@uwv.example" });
    if (!invited.ok) throw new Error("not invited");
    await issueRsvpLinks(deps, { eventId: event.id, guestId: invited.value.guestId });
    await issueRsvpLinks(deps, { eventId: event.id, personId: joost.personId });
    await issueReportLink(deps, { personId: joost.personId, ...Q4 });

    expect(await eraseExpiredGuests(db.prisma, new Date(event.endsAt.getTime() + (GUEST_RETENTION_DAYS - 1) * DAY))).toBe(0);
    expect(await eraseExpiredGuests(db.prisma, new Date(event.endsAt.getTime() + (GUEST_RETENTION_DAYS + 1) * DAY))).toBe(1);
    expect(await db.prisma.eventGuest.count()).toBe(0);
    expect(await db.prisma.personalLink.count({ where: { guestId: { not: null } } })).toBe(0);

    expect(await db.prisma.personalLink.count({ where: { personId: joost.personId } })).toBe(2);
    expect(await erasePersonData(deps, sanne, { person: joost.personId })).toMatchObject({ ok: true });
    expect(await db.prisma.personalLink.count({ where: { personId: joost.personId } })).toBe(0);
  });

  it("a person keeps the newest links per purpose, and an erased person gets none", async () => {
    const { db, deps, joost, sanne } = await setUp();
    for (let i = 0; i < 12; i++) await issueReportLink(deps, { personId: joost.personId, ...Q4 });
    expect(await db.prisma.personalLink.count({ where: { personId: joost.personId } })).toBe(10);
    await erasePersonData(deps, sanne, { person: joost.personId });
    expect(await issueReportLink(deps, { personId: joost.personId, ...Q4 })).toMatchObject({ ok: false, error: { key: "links.personGone" } });
    expect(fixedNow.getTime()).toBeLessThan(Date.parse("2027-01-01"));
    // Cancelled events give no links.
    expect(await cancelEvent(deps, sanne, { number: 1 })).toMatchObject({ ok: true });
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    expect(await issueRsvpLinks(deps, { eventId: event.id, personId: sanne.personId })).toMatchObject({ ok: false, error: { key: "links.eventClosed" } });
  });
});
