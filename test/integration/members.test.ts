import { expect, it } from "vitest";
import { addPerson } from "../../src/core/members/add-person.js";
import { actorForIdentity, linkIdentityByEmail } from "../../src/core/members/actor-lookup.js";
import { updateEmployerProfile, viewEmployerProfile } from "../../src/core/members/employer-profile.js";
import { ERASED_NAME, erasePersonData } from "../../src/core/members/erase-data.js";
import { exportPersonData } from "../../src/core/members/export-data.js";
import { setLanguage } from "../../src/core/members/language.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedOtherNetwork, snapshotAll } from "../support/members-fixtures.js";

const slackJoost = { platform: "SLACK" as const, tenantId: "T1", externalUserId: "U_JOOST" };

/** Gives Joost everything personal the bot can hold: identity, RSVP with history, queued message, a report. */
async function giveJoostAHistory(db: Database, joost: Awaited<ReturnType<Awaited<ReturnType<typeof seedDemo>>["actor"]>>) {
  const p = db.prisma;
  await p.platformIdentity.create({ data: { personId: joost.personId, ...slackJoost } });
  const event = await p.event.findFirstOrThrow({ where: { networkId: joost.networkId, number: 1 } });
  await p.rsvp.create({ data: { eventId: event.id, personId: joost.personId, response: "YES" } });
  await p.rsvpHistory.createMany({
    data: [
      { eventId: event.id, personId: joost.personId, response: "MAYBE", waitlisted: false },
      { eventId: event.id, personId: joost.personId, response: "YES", waitlisted: false },
    ],
  });
  await p.outboxMessage.create({
    data: { idempotencyKey: "reminder-joost", platform: "SLACK", kind: "event.reminder", personId: joost.personId, address: { user: "U_JOOST" }, payload: { name: "Joost Bakker" } },
  });
  const report = await submitReport(depsFor(db), joost, { realised: 2, ambition: 12, remark: "zomer" }, "SLACK");
  if (!report.ok || "needsConfirmation" in report.value) throw new Error("report failed");
  return { eventId: event.id, reportId: report.value.reportId };
}

describeEachDatabase("members and privacy", (use) => {
  it("sets the language, which the actor lookup then uses", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    expect(await setLanguage(depsFor(db), joost, { locale: " EN " })).toEqual({ ok: true, value: { locale: "en" } });
    expect((await actor("bakeryHr")).locale).toBe("en");
    expect(await setLanguage(depsFor(db), joost, { locale: "nederlands" })).toEqual({ ok: true, value: { locale: "nl" } });
    expect((await actor("bakeryHr")).locale).toBe("nl");
  });

  it.each([["de"], [""], [42], ["x".repeat(1000)]])("rejects language %j and changes nothing", async (locale) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await setLanguage(depsFor(db), await actor("bakeryHr"), { locale });
    expect(result).toMatchObject({ ok: false, error: { reason: "invalid", fields: { locale: { key: "field.invalidLocale" } } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("exports everything the bot keeps about the actor, with an audit row", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    await giveJoostAHistory(db, joost);

    const result = await exportPersonData(depsFor(db), joost);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const data = result.value;
    expect(data.person).toMatchObject({ id: joost.personId, name: "Joost Bakker", email: "joost.hr@bakkerij-korenschoof.example", employer: "Bakkerij De Korenschoof", function: "HR" });
    expect(data.identities).toMatchObject([{ platform: "SLACK", tenantId: "T1", externalUserId: "U_JOOST" }]);
    expect(data.subgroupMemberships).toMatchObject([{ slug: "hr-kenniskring", isContact: true }]);
    expect(data.rsvps).toMatchObject([{ event: 1, response: "YES" }]);
    expect(data.rsvpHistory.map((h) => h.response)).toEqual(["MAYBE", "YES"]);
    expect(data.reportsSubmitted).toMatchObject([{ employer: "Bakkerij De Korenschoof", quarter: "Q4 2026", realised: 2, remark: "zomer", version: 1 }]);
    // It must survive JSON serialisation: that is how it is handed over.
    expect(JSON.parse(JSON.stringify(data)).person.email).toBe("joost.hr@bakkerij-korenschoof.example");
    expect(await db.prisma.auditLog.count({ where: { action: "person.export", subjectId: joost.personId, actorId: joost.personId } })).toBe(1);
  });

  it("lets a coordinator export a person of their network by e-mail", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const result = await exportPersonData(depsFor(db), sanne, { person: "Fleur.Inkoop@zorggroep-dinkel.example" });
    expect(result).toMatchObject({ ok: true, value: { person: { name: "Fleur Jansen" } } });
    expect(await db.prisma.auditLog.count({ where: { action: "person.export", actorId: sanne.personId } })).toBe(1);
  });

  it("refuses a member exporting or erasing someone else, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const fleur = await actor("careBuyer");
    const before = await snapshotAll(db);

    for (const person of [fleur.personId, "fleur.inkoop@zorggroep-dinkel.example", "nobody@example.nl"]) {
      expect(await exportPersonData(depsFor(db), joost, { person })).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "members.onlyOwnData" } });
      expect(await erasePersonData(depsFor(db), joost, { person })).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "members.onlyOwnData" } });
    }
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("refuses a coordinator reaching a person of another network, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const sanne = await actor("coordinator");
    const before = await snapshotAll(db);

    for (const person of [other.personId, "pieter@zorg-anders.example"]) {
      expect(await exportPersonData(depsFor(db), sanne, { person })).toMatchObject({ ok: false, error: { reason: "notFound" } });
      expect(await erasePersonData(depsFor(db), sanne, { person })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    }
    expect(await snapshotAll(db)).toEqual(before);
  });

  it.each([
    ["empty", "", "field.required"],
    ["huge", "x".repeat(300), "field.tooLong"],
    ["wrong type", { id: 1 }, "field.invalid"],
  ])("rejects a %s person reference and changes nothing", async (_name, person, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const before = await snapshotAll(db);
    expect(await erasePersonData(depsFor(db), sanne, { person })).toMatchObject({ ok: false, error: { reason: "invalid", fields: { person: { key } } } });
    expect(await exportPersonData(depsFor(db), sanne, { person })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("erases the actor's personal data but keeps the employer's reports", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const { eventId, reportId } = await giveJoostAHistory(db, joost);
    const p = db.prisma;
    // Resolved once before, as any chat request would: the erasure must not leave it in memory.
    expect(await actorForIdentity(depsFor(db), slackJoost)).toMatchObject({ personId: joost.personId });

    const result = await erasePersonData(depsFor(db), joost);

    expect(result).toMatchObject({ ok: true, value: { self: true, removed: { identities: 1, memberships: 1, rsvps: 1, outbox: 1, authorship: 2 } } });
    const person = await p.person.findUniqueOrThrow({ where: { id: joost.personId } });
    expect(person).toMatchObject({ name: ERASED_NAME, email: null, jobTitle: null, employerId: null, reportingContact: false, locale: null });
    expect(person.erasedAt).not.toBeNull();
    expect(await p.platformIdentity.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.subgroupMembership.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.rsvp.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.rsvpHistory.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.outboxMessage.count({ where: { personId: joost.personId } })).toBe(0);
    expect(await p.rsvp.count({ where: { eventId } })).toBe(0);

    const report = await p.placementReport.findUniqueOrThrow({ where: { id: reportId }, include: { revisions: true, employer: true } });
    expect(report).toMatchObject({ realised: 2, employerId: joost.employerId, submittedById: null, employer: { ambition: 12 } });
    expect(report.revisions.map((r) => r.submittedById)).toEqual([null]);
    expect(await p.placementReportRevision.count({ where: { submittedById: joost.personId } })).toBe(0);

    // Nothing personal is left anywhere a plain dump would show it.
    const dump = JSON.stringify(await Promise.all([p.person.findMany(), p.auditLog.findMany(), p.outboxMessage.findMany(), p.placementReportRevision.findMany()]));
    expect(dump).not.toContain("joost.hr@bakkerij-korenschoof.example");
    expect(dump).not.toContain("Joost Bakker");
    expect(dump).not.toContain("U_JOOST");
    expect(await p.auditLog.count({ where: { action: "person.erase", subjectId: joost.personId } })).toBe(1);

    // The chat identity no longer resolves, and the e-mail can no longer be used to re-link.
    expect(await actorForIdentity(depsFor(db), slackJoost)).toBeNull();
    expect(await linkIdentityByEmail(p, slackJoost, "joost.hr@bakkerij-korenschoof.example", [joost.networkId])).toBeNull();
  });

  it("gives a place the erased person held to the first on the waiting list", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const mo = await actor("logisticsHr");
    const event = await db.prisma.event.update({ where: { networkId_number: { networkId: joost.networkId, number: 1 } }, data: { capacity: 1 } });
    await db.prisma.rsvp.create({ data: { eventId: event.id, personId: joost.personId, response: "YES" } });
    await db.prisma.rsvp.create({ data: { eventId: event.id, personId: mo.personId, response: "YES", waitlisted: true, waitlistedAt: new Date() } });

    const result = await erasePersonData(depsFor(db), joost);

    expect(result).toMatchObject({ ok: true, value: { removed: { rsvps: 1 } } });
    expect(await db.prisma.rsvp.findUniqueOrThrow({ where: { eventId_personId: { eventId: event.id, personId: mo.personId } } })).toMatchObject({ response: "YES", waitlisted: false });
    expect(await db.prisma.outboxMessage.count({ where: { personId: mo.personId } })).toBeGreaterThan(0);
  });

  it("lets a coordinator erase a member of their network; the member disappears from subgroups", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const fleur = await actor("careBuyer");

    const result = await erasePersonData(depsFor(db), sanne, { person: "fleur.inkoop@zorggroep-dinkel.example" });

    expect(result).toMatchObject({ ok: true, value: { personId: fleur.personId, self: false } });
    expect(await db.prisma.auditLog.count({ where: { action: "person.erase", actorId: sanne.personId, subjectId: fleur.personId } })).toBe(1);
    expect(await db.prisma.subgroupMembership.count({ where: { personId: fleur.personId } })).toBe(0);
    // A second request finds nobody: erased people are out of reach.
    expect(await erasePersonData(depsFor(db), sanne, { person: fleur.personId })).toMatchObject({ ok: false, error: { reason: "notFound" } });
  });

  it("shows and updates the own employer's profile, with an audit row naming only the fields", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    expect(await viewEmployerProfile(depsFor(db), joost)).toMatchObject({ ok: true, value: { name: "Bakkerij De Korenschoof", branche: "Voeding", inclusionMaturity: 3 } });
    const updated = await updateEmployerProfile(depsFor(db), joost, {
      region: " Twente-Oost ",
      offers: "werkplek, kennis",
      challenges: "vervoer; begeleiding ,",
      inclusionMaturity: "4",
      sizeBand: "middel",
    });

    expect(updated).toMatchObject({
      ok: true,
      value: { region: "Twente-Oost", offers: ["WERKPLEK", "KENNIS"], challenges: ["vervoer", "begeleiding"], inclusionMaturity: 4, sizeBand: "MEDIUM", branche: "Voeding" },
    });
    const row = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "employer.update", subjectId: joost.employerId! } });
    expect(row.details).toEqual({ fields: ["sizeBand", "region", "challenges", "offers", "inclusionMaturity"] });
  });

  it("lets coordinators update any employer of their network by name, but members only their own", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    const mo = await actor("logisticsHr");

    expect(await updateEmployerProfile(depsFor(db), sanne, { employerId: "hengelo logistiek bv", ambition: 45 })).toMatchObject({ ok: true, value: { ambition: 45 } });
    const before = await snapshotAll(db);
    expect(await updateEmployerProfile(depsFor(db), joost, { employerId: mo.employerId, ambition: 1 })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await viewEmployerProfile(depsFor(db), joost, { employerId: mo.employerId })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await updateEmployerProfile(depsFor(db), sanne, { employerId: other.employerId, ambition: 1 })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await updateEmployerProfile(depsFor(db), sanne, { ambition: 1 })).toMatchObject({ ok: false, error: { key: "members.profile.whichEmployer" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it.each([
    ["nothing", {}, null, "members.profile.nothingToChange"],
    ["maturity 6", { inclusionMaturity: 6 }, "inclusionMaturity", "field.maturity"],
    ["maturity 2.5", { inclusionMaturity: 2.5 }, "inclusionMaturity", "field.maturity"],
    ["negative ambition", { ambition: -5 }, "ambition", "field.negative"],
    ["absurd ambition", { ambition: 1e9 }, "ambition", "field.tooLarge"],
    ["empty branche", { branche: "   " }, "branche", "field.required"],
    ["huge location", { location: "l".repeat(101) }, "location", "field.tooLong"],
    ["unknown offer", { offers: "geld" }, "offers.0", "field.offers"],
    ["unknown size", { sizeBand: "reusachtig" }, "sizeBand", "field.invalid"],
    ["too many challenges", { challenges: Array.from({ length: 11 }, (_, i) => `c${i}`) }, "challenges", "field.tooMany"],
    ["wrong type", { region: ["Twente"] }, "region", "field.invalid"],
  ])("rejects a profile update with %s and changes nothing", async (_name, input, field, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await updateEmployerProfile(depsFor(db), await actor("bakeryHr"), input);
    expect(result).toMatchObject(field ? { ok: false, error: { reason: "invalid", fields: { [field]: { key } } } } : { ok: false, error: { key } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("lets a coordinator add a person who is then linked by e-mail on first use", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const added = await addPerson(depsFor(db), sanne, {
      name: "Noor de Vries",
      email: " Noor@Bakkerij-Korenschoof.example ",
      employer: "bakkerij de korenschoof",
      function: "inkoop",
      reportingContact: "ja",
    });

    expect(added).toMatchObject({ ok: true, value: { name: "Noor de Vries", email: "noor@bakkerij-korenschoof.example" } });
    const linked = await linkIdentityByEmail(db.prisma, { platform: "TEAMS", tenantId: "tenant", externalUserId: "aad-noor" }, "noor@bakkerij-korenschoof.example", [sanne.networkId]);
    expect(linked).toMatchObject({ name: "Noor de Vries", role: "MEMBER" });
    expect(await db.prisma.auditLog.count({ where: { action: "person.add", actorId: sanne.personId } })).toBe(1);
  });

  it.each([
    ["a member as actor", "bakeryHr", { name: "X", email: "x@example.nl", employer: "Bakkerij De Korenschoof" }, "notAllowed", "error.notAllowed"],
    ["a taken e-mail", "coordinator", { name: "X", email: "JOOST.hr@bakkerij-korenschoof.example", employer: "Bakkerij De Korenschoof" }, "conflict", "members.add.emailTaken"],
    ["an unknown employer", "coordinator", { name: "X", email: "x@example.nl", employer: "Nergens BV" }, "notFound", "members.employerNotFound"],
    ["a member without employer", "coordinator", { name: "X", email: "x@example.nl" }, "invalid", "members.add.employerRequired"],
    ["a bad e-mail", "coordinator", { name: "X", email: "geen-adres", employer: "Bakkerij De Korenschoof" }, "invalid", "error.invalidInput"],
    ["an empty name", "coordinator", { name: "\u0000 ", email: "x@example.nl", employer: "Bakkerij De Korenschoof" }, "invalid", "error.invalidInput"],
  ] as const)("refuses adding a person with %s and changes nothing", async (_name, who, input, reason, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    expect(await addPerson(depsFor(db), await actor(who), input)).toMatchObject({ ok: false, error: { reason, key } });
    expect(await snapshotAll(db)).toEqual(before);
  });
});
