import { expect, it } from "vitest";
import { archiveEmployer, archiveImpact, restoreEmployer } from "../../src/core/members/archive-employer.js";
import { createEmployer } from "../../src/core/members/create-employer.js";
import { updateEmployerProfile, viewEmployerProfile } from "../../src/core/members/employer-profile.js";
import { listEmployers } from "../../src/core/members/list-employers.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedOtherNetwork, snapshotAll } from "../support/members-fixtures.js";

const newEmployer = {
  name: "Drukkerij Hof van Twente",
  branche: "Grafisch",
  sizeBand: "klein",
  location: "Goor",
  region: "Twente",
  challenges: "vervoer, begeleiding",
  offers: "werkplek, kennis",
  offerDescription: "Een plek in de binderij",
  inclusionMaturity: "2",
  ambition: "4",
};

async function auditOf(db: Database, action: string) {
  return db.prisma.auditLog.findMany({ where: { action }, select: { actorId: true, subjectId: true, details: true } });
}

describeEachDatabase("employers, managed by coordinators", (use) => {
  it("adds an employer with its profile, audited by field names only", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const result = await createEmployer(depsFor(db), sanne, newEmployer);

    expect(result).toMatchObject({
      ok: true,
      value: { name: "Drukkerij Hof van Twente", sizeBand: "SMALL", offers: ["WERKPLEK", "KENNIS"], challenges: ["vervoer", "begeleiding"], inclusionMaturity: 2, ambition: 4, archivedAt: null },
    });
    if (!result.ok) return;
    expect(await db.prisma.employer.count({ where: { networkId } })).toBe(7);
    const [row] = await auditOf(db, "employer.create");
    expect(row).toMatchObject({ actorId: sanne.personId, subjectId: result.value.employerId });
    expect(JSON.stringify(row!.details)).not.toMatch(/Drukkerij|Goor|binderij/);
    expect((row!.details as { fields: string[] }).fields).toContain("name");
  });

  it.each([
    ["a member", "bakeryHr", newEmployer, "notAllowed", "error.notAllowed"],
    ["a taken name in another case and without accents", "coordinator", { ...newEmployer, name: "  bakkerij de KORENSCHOOF " }, "conflict", "members.employer.nameTaken"],
    ["no name", "coordinator", { ...newEmployer, name: " " }, "invalid", "error.invalidInput"],
    ["an unknown size", "coordinator", { ...newEmployer, sizeBand: "reusachtig" }, "invalid", "error.invalidInput"],
    ["maturity 7", "coordinator", { ...newEmployer, inclusionMaturity: "7" }, "invalid", "error.invalidInput"],
    ["a missing region", "coordinator", { ...newEmployer, region: undefined }, "invalid", "error.invalidInput"],
  ] as const)("refuses adding an employer by %s and changes nothing", async (_name, who, input, reason, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);

    const result = await createEmployer(depsFor(db), await actor(who), input);

    expect(result).toMatchObject({ ok: false, error: { reason, key } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("says which field is wrong: a taken name on the name field", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await createEmployer(depsFor(db), await actor("coordinator"), { ...newEmployer, name: "Zorggroep Dinkel" });
    expect(result).toMatchObject({ ok: false, error: { fields: { name: { key: "members.employer.nameTaken", params: { name: "Zorggroep Dinkel" } } } } });
  });

  it("lets a coordinator edit and rename an employer found by a unique part of its name", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const result = await updateEmployerProfile(depsFor(db), sanne, { employerId: "korenschoof", name: "Bakkerij Korenschoof & Zn.", ambition: 20, offerDescription: "" });

    expect(result).toMatchObject({ ok: true, value: { name: "Bakkerij Korenschoof & Zn.", ambition: 20, offerDescription: null, branche: "Voeding" } });
    const details = (await auditOf(db, "employer.update"))[0]!.details as { fields: string[] };
    expect(details.fields.sort()).toEqual(["ambition", "name", "offerDescription"]);
    // The old name no longer finds it; the new one does, in any case.
    expect(await viewEmployerProfile(depsFor(db), sanne, { employerId: "De Korenschoof" })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await viewEmployerProfile(depsFor(db), sanne, { employerId: "bakkerij korenschoof & zn." })).toMatchObject({ ok: true });
  });

  it.each([
    ["renaming to another employer's name", "coordinator", { employerId: "Korenschoof", name: "hengelo logistiek bv" }, "conflict", "members.employer.nameTaken"],
    ["a member renaming their own employer", "bakeryHr", { name: "Bakkerij Nieuw" }, "notAllowed", "members.employer.renameByCoordinator"],
    ["a member editing another employer", "bakeryHr", { employerId: "Hengelo Logistiek BV", ambition: 1 }, "notAllowed", "members.profile.otherEmployer"],
    ["an ambiguous part of a name", "coordinator", { employerId: "twente", ambition: 1 }, "invalid", "members.employerAmbiguous"],
    ["another network's employer", "coordinator", { employerId: "Zorg Anders BV", ambition: 1 }, "notFound", "members.employerNotFound"],
    ["an empty new name", "coordinator", { employerId: "Korenschoof", name: "" }, "invalid", "error.invalidInput"],
  ] as const)("refuses %s and changes nothing", async (_name, who, input, reason, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    await seedOtherNetwork(db);
    const before = await snapshotAll(db);

    const result = await updateEmployerProfile(depsFor(db), await actor(who), input);

    expect(result).toMatchObject({ ok: false, error: { reason, key } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("names the candidates of an ambiguous employer name", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await viewEmployerProfile(depsFor(db), await actor("coordinator"), { employerId: "twente" });
    expect(result).toMatchObject({ ok: false, error: { params: { names: "Servicebedrijf Twentestad, Twente Tech Solutions" } } });
  });

  it("archives with an impact summary, refuses twice, restores, and audits both", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const impact = await archiveImpact(depsFor(db), sanne, { employer: "Korenschoof" });
    // The demo seed has four past quarters, and the bakery reported in each.
    expect(impact).toMatchObject({ ok: true, value: { employer: { name: "Bakkerij De Korenschoof", archivedAt: null }, people: 2, reportingContacts: 2, reports: 4 } });
    expect(await db.prisma.auditLog.count()).toBe(0); // looking changes nothing

    const archived = await archiveEmployer(depsFor(db), sanne, { employer: "Korenschoof" });
    expect(archived).toMatchObject({ ok: true, value: { employer: { archivedAt: expect.any(Date) } } });
    expect(await archiveEmployer(depsFor(db), sanne, { employer: "Korenschoof" })).toMatchObject({ ok: false, error: { reason: "conflict", key: "members.employer.alreadyArchived" } });
    // People and the profile stay.
    expect(await db.prisma.person.count({ where: { employer: { name: "Bakkerij De Korenschoof" } } })).toBe(2);
    const list = await listEmployers(depsFor(db), sanne, {});
    expect(list).toMatchObject({ ok: true, value: { archived: 1 } });
    expect(list.ok && list.value.employers.map((e) => e.name)).not.toContain("Bakkerij De Korenschoof");
    const archivedList = await listEmployers(depsFor(db), sanne, { archived: true });
    expect(archivedList.ok && archivedList.value.employers).toMatchObject([{ name: "Bakkerij De Korenschoof", people: 2, reportingContacts: 2 }]);

    expect(await restoreEmployer(depsFor(db), sanne, { employer: "korenschoof" })).toMatchObject({ ok: true, value: { archivedAt: null } });
    expect(await restoreEmployer(depsFor(db), sanne, { employer: "korenschoof" })).toMatchObject({ ok: false, error: { reason: "conflict", key: "members.employer.notArchived" } });
    expect((await auditOf(db, "employer.archive")).map((a) => a.details)).toEqual([{ people: 2 }]);
    expect(await db.prisma.auditLog.count({ where: { action: "employer.restore", actorId: sanne.personId } })).toBe(1);
  });

  it("refuses archiving by a member or of another network's employer, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const before = await snapshotAll(db);

    expect(await archiveEmployer(depsFor(db), await actor("bakeryHr"), { employer: "Korenschoof" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await archiveImpact(depsFor(db), await actor("bakeryHr"), { employer: "Korenschoof" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    for (const employer of [other.employerId, "Zorg Anders BV"]) {
      expect(await archiveEmployer(depsFor(db), await actor("coordinator"), { employer })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    }
    expect(await archiveEmployer(depsFor(db), await actor("coordinator"), { employer: "" })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("lists employers with people and reporting contacts, searchable by any word", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await listEmployers(depsFor(db), await actor("coordinator"), { term: "enschede voeding" });
    expect(result).toMatchObject({ ok: true, value: { employers: [{ name: "Bakkerij De Korenschoof", people: 2, reportingContacts: 2 }], archived: 0 } });
    expect(await listEmployers(depsFor(db), await actor("bakeryHr"), {})).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
  });
});
