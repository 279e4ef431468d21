import { expect, it, vi } from "vitest";
import { archiveEmployer } from "../../src/core/members/archive-employer.js";
import { linkIdentityByEmail } from "../../src/core/members/actor-lookup.js";
import { keepOneCoordinator } from "../../src/core/members/coordinators.js";
import { erasePersonData } from "../../src/core/members/erase-data.js";
import { listPeople } from "../../src/core/members/list-people.js";
import { movePerson } from "../../src/core/members/move-person.js";
import { viewPerson } from "../../src/core/members/person-details.js";
import { unlinkIdentity } from "../../src/core/members/unlink-identity.js";
import { updatePerson } from "../../src/core/members/update-person.js";
import { submitReport } from "../../src/core/reporting/submit-report.js";
import type { Database } from "../../src/db/database.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedOtherNetwork, snapshotAll } from "../support/members-fixtures.js";

const joostEmail = "joost.hr@bakkerij-korenschoof.example";

/** Joost linked in Slack and Teams, with a reminder queued to each account. */
async function linkJoost(db: Database, personId: string) {
  const slack = await db.prisma.platformIdentity.create({ data: { personId, platform: "SLACK", tenantId: "T0001", externalUserId: "UJOOST", linkedAt: new Date("2026-10-01T09:00:00Z") } });
  const teams = await db.prisma.platformIdentity.create({ data: { personId, platform: "TEAMS", tenantId: "tenant-1", externalUserId: "aad-joost", linkedAt: new Date("2026-11-01T09:00:00Z") } });
  await db.prisma.outboxMessage.createMany({
    data: [
      { idempotencyKey: "to-slack", platform: "SLACK", kind: "event.reminder", personId, address: { tenantId: "T0001", userId: "UJOOST" }, payload: {} },
      { idempotencyKey: "to-teams", platform: "TEAMS", kind: "event.reminder", personId, address: { tenantId: "tenant-1", userId: "aad-joost" }, payload: {} },
    ],
  });
  return { slack, teams };
}

const roleOf = async (db: Database, email: string) => (await db.prisma.person.findFirstOrThrow({ where: { email }, select: { role: true } })).role;

/** Whether some session of this database is waiting for a row lock. */
async function waitingForLock(db: Database): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
  return Number(rows[0]?.n ?? 0) > 0;
}

describeEachDatabase("people, managed by coordinators", (use, kind) => {
  it("shows a person found by e-mail in any case, by name or by part of a name, with their platform links", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    await linkJoost(db, joost.personId);

    for (const person of ["JOOST.HR@bakkerij-korenschoof.example", "joost bakker", "Bakker", joost.personId]) {
      const result = await viewPerson(depsFor(db), sanne, { person });
      expect(result, person).toMatchObject({
        ok: true,
        value: {
          name: "Joost Bakker",
          email: joostEmail,
          function: "HR",
          role: "MEMBER",
          reportingContact: true,
          locale: null,
          employer: { name: "Bakkerij De Korenschoof", archivedAt: null },
          links: [
            { platform: "SLACK", tenantId: "T0001", linkedAt: new Date("2026-10-01T09:00:00Z") },
            { platform: "TEAMS", tenantId: "tenant-1", linkedAt: new Date("2026-11-01T09:00:00Z") },
          ],
        },
      });
    }
  });

  it("names the candidates when part of a name fits several people", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await viewPerson(depsFor(db), await actor("coordinator"), { person: "an" });
    expect(result).toMatchObject({ ok: false, error: { reason: "invalid", key: "members.personAmbiguous" } });
    expect(result.ok ? "" : String(result.error.params?.names)).toContain("Fleur Jansen (fleur.inkoop@zorggroep-dinkel.example)");
  });

  it("refuses members and people of another network for every people action, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const joost = await actor("bakeryHr");
    const sanne = await actor("coordinator");
    const identity = await db.prisma.platformIdentity.create({ data: { personId: other.personId, platform: "SLACK", tenantId: "T9", externalUserId: "UPIETER" } });
    const before = await snapshotAll(db);
    const deps = depsFor(db);

    const asMember = [
      await viewPerson(deps, joost, { person: "fleur.inkoop@zorggroep-dinkel.example" }),
      await updatePerson(deps, joost, { person: joost.personId, role: "COORDINATOR" }),
      await movePerson(deps, joost, { person: joost.personId, employer: "Hengelo Logistiek BV" }),
      await unlinkIdentity(deps, joost, { person: joost.personId, identityId: "x" }),
      await listPeople(deps, joost, {}),
    ];
    for (const result of asMember) expect(result).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    const otherNetwork = [
      await viewPerson(deps, sanne, { person: "pieter@zorg-anders.example" }),
      await viewPerson(deps, sanne, { person: "Pieter Anders" }),
      await updatePerson(deps, sanne, { person: other.personId, name: "Gekaapt" }),
      await movePerson(deps, sanne, { person: "pieter@zorg-anders.example", employer: "Zorggroep Dinkel" }),
      await movePerson(deps, sanne, { person: joost.personId, employer: other.employerId }),
      await unlinkIdentity(deps, sanne, { person: other.personId, identityId: identity.id }),
    ];
    for (const result of otherNetwork) expect(result).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await snapshotAll(db)).toEqual(before);
    expect(await roleOf(db, joostEmail)).toBe("MEMBER");
  });

  it("edits a person's fields, audited by field names only", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    await db.prisma.person.update({ where: { networkId_email: { networkId: sanne.networkId, email: joostEmail } }, data: { jobTitle: "HR-adviseur" } });

    const result = await updatePerson(depsFor(db), sanne, {
      person: "Joost",
      name: "Joost van Bakel",
      function: "directie",
      jobTitle: "",
      role: "COORDINATOR",
      reportingContact: "false",
      locale: "en",
      email: joostEmail,
    });

    expect(result).toMatchObject({
      ok: true,
      value: { unlinked: 0, person: { name: "Joost van Bakel", function: "DIRECTIE", jobTitle: null, role: "COORDINATOR", reportingContact: false, locale: "en", email: joostEmail } },
    });
    expect(result.ok && result.value.changed.sort()).toEqual(["function", "jobTitle", "locale", "name", "reportingContact", "role"]);
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "person.update" } });
    expect(JSON.stringify(audit.details)).not.toMatch(/Joost|Bakel|@/);
    // Back to the network's language, and saving it unchanged changes (and audits) nothing.
    expect(await updatePerson(depsFor(db), sanne, { person: joostEmail, locale: "" })).toMatchObject({ ok: true, value: { person: { locale: null } } });
    const audits = await db.prisma.auditLog.count();
    expect(await updatePerson(depsFor(db), sanne, { person: joostEmail, locale: "network", name: "Joost van Bakel" })).toMatchObject({ ok: true, value: { changed: [] } });
    expect(await db.prisma.auditLog.count()).toBe(audits);
  });

  it("unlinks Slack and Teams when the e-mail address changes, cancels what was queued for them, and links again by the new address", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    await linkJoost(db, joost.personId);

    const result = await updatePerson(depsFor(db), sanne, { person: joostEmail, email: "Joost@Korenschoof.example" });

    expect(result).toMatchObject({ ok: true, value: { unlinked: 2, changed: ["email"], person: { email: "joost@korenschoof.example", links: [] } } });
    expect(await db.prisma.outboxMessage.findMany({ select: { idempotencyKey: true, status: true }, orderBy: { idempotencyKey: "asc" } })).toEqual([
      { idempotencyKey: "to-slack", status: "CANCELLED" },
      { idempotencyKey: "to-teams", status: "CANCELLED" },
    ]);
    expect((await db.prisma.auditLog.findFirstOrThrow({ where: { action: "person.update" } })).details).toEqual({ fields: ["email"], unlinked: 2 });
    expect(await linkIdentityByEmail(db.prisma, { platform: "SLACK", tenantId: "T0001", externalUserId: "UJOOST" }, joostEmail, [joost.networkId])).toBeNull();
    expect(await linkIdentityByEmail(db.prisma, { platform: "SLACK", tenantId: "T0001", externalUserId: "UJOOST" }, "joost@korenschoof.example", [joost.networkId])).toMatchObject({ personId: joost.personId });
  });

  it.each([
    ["a taken e-mail address (other case)", { email: "FLEUR.INKOOP@zorggroep-dinkel.example" }, "conflict", "members.add.emailTaken", "email"],
    ["an invalid e-mail address", { email: "geen-adres" }, "invalid", "error.invalidInput", "email"],
    ["an unknown role", { role: "BAAS" }, "invalid", "error.invalidInput", "role"],
    ["an unknown language", { locale: "de" }, "invalid", "error.invalidInput", "locale"],
    ["an empty name", { name: " " }, "invalid", "error.invalidInput", "name"],
    ["an unknown function", { function: "kok" }, "invalid", "error.invalidInput", "function"],
  ])("refuses %s on its field and changes nothing", async (_name, input, reason, key, field) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);

    const result = await updatePerson(depsFor(db), await actor("coordinator"), { person: joostEmail, ...input });

    expect(result).toMatchObject({ ok: false, error: { reason, key, fields: { [field]: expect.anything() } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("refuses demoting or removing the network's last coordinator, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    // Sanne needs an employer to be a member at all; that is a different refusal.
    expect(await updatePerson(depsFor(db), sanne, { person: sanne.personId, role: "MEMBER" })).toMatchObject({ ok: false, error: { key: "members.add.employerRequired", fields: { role: expect.anything() } } });
    expect((await movePerson(depsFor(db), sanne, { person: sanne.personId, employer: "Twentestad" })).ok).toBe(true);
    const before = await snapshotAll(db);

    expect(await updatePerson(depsFor(db), sanne, { person: sanne.personId, role: "MEMBER" })).toMatchObject({
      ok: false,
      error: { reason: "conflict", key: "members.lastCoordinator", params: { name: "Sanne Coördinator" }, fields: { role: expect.anything() } },
    });
    expect(await erasePersonData(depsFor(db), sanne, {})).toMatchObject({ ok: false, error: { reason: "conflict", key: "members.lastCoordinator" } });
    expect(await snapshotAll(db)).toEqual(before);
    expect(await roleOf(db, "sanne.coordinator@example.nl")).toBe("COORDINATOR");

    // With a second coordinator, either may step down.
    expect((await updatePerson(depsFor(db), sanne, { person: joostEmail, role: "COORDINATOR" })).ok).toBe(true);
    expect(await updatePerson(depsFor(db), sanne, { person: sanne.personId, role: "MEMBER" })).toMatchObject({ ok: true, value: { person: { role: "MEMBER" } } });
  });

  it("lets only one of two coordinators demoting each other at the same moment succeed", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    expect((await movePerson(depsFor(db), sanne, { person: sanne.personId, employer: "Twentestad" })).ok).toBe(true);
    expect((await updatePerson(depsFor(db), sanne, { person: joostEmail, role: "COORDINATOR" })).ok).toBe(true);
    const joost = await actor("bakeryHr");

    // Sanne demotes Joost in a transaction that has passed the guard but not yet committed...
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let guarded = false;
    const first = db.prisma.$transaction(async (tx) => {
      await keepOneCoordinator(tx, sanne.networkId, joost.personId);
      guarded = true;
      await gate;
      await tx.person.update({ where: { id: joost.personId }, data: { role: "MEMBER" } });
    }, { timeout: 30_000 });
    await vi.waitFor(() => expect(guarded).toBe(true));
    // ...when Joost demotes Sanne. Without the lock both would see the other as coordinator.
    const second = updatePerson(depsFor(db), joost, { person: sanne.personId, role: "MEMBER" });
    let settled = false;
    void second.finally(() => (settled = true));
    if (kind === "postgres") {
      // Let go once the second is waiting for the first's lock (or, without a lock, is done).
      await vi.waitFor(async () => expect(settled || (await waitingForLock(db))).toBe(true), { timeout: 10_000 });
    }
    release();
    await first;

    expect(await second).toMatchObject({ ok: false, error: { key: "members.lastCoordinator" } });
    expect(await db.prisma.person.count({ where: { role: "COORDINATOR", networkId: sanne.networkId } })).toBe(1);
  });

  it("moves a person to another employer; the reports stay with the employer they were given for", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    expect((await submitReport(depsFor(db), joost, { realised: 2, ambition: 12 }, "SLACK")).ok).toBe(true);
    const bakeryReports = await db.prisma.placementReport.count({ where: { employerId: joost.employerId! } });

    const result = await movePerson(depsFor(db), sanne, { person: "joost", employer: "hengelo" });

    expect(result).toMatchObject({ ok: true, value: { name: "Joost Bakker", from: { name: "Bakkerij De Korenschoof" }, to: { name: "Hengelo Logistiek BV" } } });
    expect(await db.prisma.placementReport.count({ where: { employerId: joost.employerId! } })).toBe(bakeryReports);
    expect((await actor("bakeryHr")).employerId).toBe(result.ok ? result.value.to.id : "");
    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: "person.move" } });
    expect(audit.details).toEqual({ from: joost.employerId, to: result.ok ? result.value.to.id : "" });
  });

  it.each([
    ["an archived employer", "Metaalwerken", "conflict", "members.move.archived"],
    ["the employer they are at", "Korenschoof", "conflict", "members.move.same"],
    ["an unknown employer", "Nergens BV", "notFound", "members.employerNotFound"],
    ["an ambiguous employer", "twente", "invalid", "members.employerAmbiguous"],
  ])("refuses a move to %s, on the employer field, and changes nothing", async (_name, employer, reason, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    expect((await archiveEmployer(depsFor(db), sanne, { employer: "Metaalwerken" })).ok).toBe(true);
    const before = await snapshotAll(db);

    const result = await movePerson(depsFor(db), sanne, { person: joostEmail, employer });

    expect(result).toMatchObject({ ok: false, error: { reason, key, fields: { employer: { key } } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("unlinks one platform link and cancels only the messages queued for that account", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    const { slack, teams } = await linkJoost(db, joost.personId);

    const result = await unlinkIdentity(depsFor(db), sanne, { person: joostEmail, identityId: slack.id });

    expect(result).toMatchObject({ ok: true, value: { links: [{ identityId: teams.id, platform: "TEAMS" }] } });
    expect(await db.prisma.outboxMessage.findMany({ select: { idempotencyKey: true, status: true }, orderBy: { idempotencyKey: "asc" } })).toEqual([
      { idempotencyKey: "to-slack", status: "CANCELLED" },
      { idempotencyKey: "to-teams", status: "PENDING" },
    ]);
    expect((await db.prisma.auditLog.findFirstOrThrow({ where: { action: "person.unlink" } })).details).toEqual({ identityId: slack.id });
    // Gone is gone; another person's link cannot be reached through Joost.
    expect(await unlinkIdentity(depsFor(db), sanne, { person: joostEmail, identityId: slack.id })).toMatchObject({ ok: false, error: { key: "members.person.linkNotFound" } });
    expect(await unlinkIdentity(depsFor(db), sanne, { person: "fleur.inkoop@zorggroep-dinkel.example", identityId: teams.id })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    expect(await db.prisma.platformIdentity.count()).toBe(1);
  });

  it("removes a person by erasure: nothing personal stays, the employer's reports do", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    await linkJoost(db, joost.personId);
    expect((await submitReport(depsFor(db), joost, { realised: 2, ambition: 12 }, "SLACK")).ok).toBe(true);
    const reports = await db.prisma.placementReport.count({ where: { employerId: joost.employerId! } });

    expect((await erasePersonData(depsFor(db), sanne, { person: "Joost Bakker" })).ok).toBe(true);

    expect(await db.prisma.placementReport.count({ where: { employerId: joost.employerId! } })).toBe(reports);
    expect(await viewPerson(depsFor(db), sanne, { person: joostEmail })).toMatchObject({ ok: false, error: { reason: "notFound" } });
    const people = await listPeople(depsFor(db), sanne, {});
    expect(people.ok && people.value.map((p) => p.name)).not.toContain("Joost Bakker");
    expect(await db.prisma.platformIdentity.count({ where: { personId: joost.personId } })).toBe(0);
  });

  it("lists people by any word of name, e-mail, job title or employer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await listPeople(depsFor(db), await actor("coordinator"), { term: "korenschoof" });
    expect(result.ok && result.value.map((p) => [p.name, p.employer?.name, p.links])).toEqual([
      ["Els Meel", "Bakkerij De Korenschoof", 0],
      ["Joost Bakker", "Bakkerij De Korenschoof", 0],
    ]);
  });
});
