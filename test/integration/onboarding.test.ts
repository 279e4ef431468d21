import { expect, it } from "vitest";
import { setConditionText } from "../../src/core/conditions/condition-text.js";
import { viewCondition } from "../../src/core/conditions/condition-state.js";
import { confirmCondition } from "../../src/core/conditions/confirm-condition.js";
import { setDirectoryListing } from "../../src/core/directory/listing.js";
import { searchDirectory } from "../../src/core/directory/search-directory.js";
import { exportMemberList } from "../../src/core/import/export-members.js";
import { applyImport, previewImport } from "../../src/core/import/import-members.js";
import { linkIdentityByEmail } from "../../src/core/members/actor-lookup.js";
import { linkFoundIdentity } from "../../src/core/members/platform-lookup.js";
import { addPerson } from "../../src/core/members/add-person.js";
import { createEmployer } from "../../src/core/members/create-employer.js";
import { listEmployers } from "../../src/core/members/list-employers.js";
import { sendDueWelcomes } from "../../src/core/members/welcome.js";
import { listSubgroups } from "../../src/core/subgroups/list-subgroups.js";
import type { Database } from "../../src/db/database.js";
import { runSchedulerTick } from "../../src/scheduler/tick.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";
import { csvOf, DUTCH_HEADER } from "../support/member-sheets.js";
import { snapshotAll } from "../support/members-fixtures.js";

/** The bindings are not under test here: every network counts as bound to the workspace. */
async function allNetworkIds(db: Database): Promise<string[]> {
  return (await db.prisma.network.findMany({ select: { id: true } })).map((n) => n.id);
}

const newEmployer = { name: "Drukkerij Hof van Twente", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente" };
const slack = (userId: string) => ({ platform: "SLACK" as const, tenantId: "T0001", externalUserId: userId });
const welcomes = (db: Database) => db.prisma.outboxMessage.findMany({ where: { kind: "members.welcome" }, orderBy: { createdAt: "asc" } });
const memberSince = new Date("2026-01-05T09:00:00Z");
/** The demo network with an intentieverklaring, its employers members since January. */
async function asCondition(db: Database, networkId: string) {
  await db.prisma.network.update({ where: { id: networkId }, data: { membershipCondition: "INTENTIEVERKLARING" } });
  await db.prisma.employer.updateMany({ where: { networkId }, data: { createdAt: memberSince } });
}

describeEachDatabase("onboarding: welcome, membership condition, directory consent", (use) => {
  it("welcomes a person added by hand once, when they first link; the first of a new employer gets the profile form", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const deps = depsFor(db);
    expect((await createEmployer(deps, sanne, newEmployer)).ok).toBe(true);
    const first = await addPerson(deps, sanne, { name: "Rik Hof", email: "rik@hofvantwente.example", employer: newEmployer.name, reportingContact: "ja" });
    const second = await addPerson(deps, sanne, { name: "Lot Hof", email: "lot@hofvantwente.example", employer: newEmployer.name });
    if (!first.ok || !second.ok) throw new Error("not added");

    // No chat link yet: nowhere to send it, and nothing is sent to a web inbox nobody reads.
    expect(await sendDueWelcomes(db.prisma)).toBe(0);
    expect(await welcomes(db)).toEqual([]);

    await linkIdentityByEmail(db.prisma, slack("URIK"), "RIK@hofvantwente.example", await allNetworkIds(db));
    await linkIdentityByEmail(db.prisma, { platform: "TEAMS", tenantId: "tenant-1", externalUserId: "aad-rik" }, "rik@hofvantwente.example", await allNetworkIds(db));
    await runSchedulerTick(db.prisma, fixedNow, { instanceId: "test", eventReminderLeadMs: 0 });

    const sent = await welcomes(db);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      idempotencyKey: `welcome:${first.value.personId}`,
      platform: "SLACK",
      address: { tenantId: "T0001", userId: "URIK" },
      payload: { name: "Rik Hof", employerName: newEmployer.name, reportingContact: true, profileForm: true, listing: "NAME_FUNCTION_EMAIL", confirm: null },
    });

    await linkIdentityByEmail(db.prisma, slack("ULOT"), "lot@hofvantwente.example", await allNetworkIds(db));
    const lot = (await welcomes(db)).find((w) => w.personId === second.value.personId);
    expect(lot?.payload).toMatchObject({ name: "Lot Hof", reportingContact: false, profileForm: false });
    expect(await db.prisma.person.count({ where: { welcomePending: true, email: { endsWith: "@hofvantwente.example" } } })).toBe(0);
  });

  it("does not welcome people who were members before, when they first link", async () => {
    const db = use();
    await seedDemo(db);
    await linkIdentityByEmail(db.prisma, slack("UJOOST"), "joost.hr@bakkerij-korenschoof.example", await allNetworkIds(db));
    expect(await welcomes(db)).toEqual([]);
  });

  it("welcomes imported people, also when their link is made another way (the scheduler tick picks them up)", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const file = csvOf([DUTCH_HEADER, ["Kaasmakerij Twente", "Voeding", "klein", "Haaksbergen", "Twente", "werkplek", 4, "Ine Kaas", "ine@kaasmakerij.example", "HR", "lid", "ja"]]);
    const applied = await applyImport(depsFor(db), sanne, file);
    if (!applied.ok) throw new Error(applied.error.key);
    const [ine] = applied.value.createdPersonIds;
    await db.prisma.platformIdentity.create({ data: { personId: ine!, ...slack("UINE") } });

    const tick = await runSchedulerTick(db.prisma, fixedNow, { instanceId: "test", eventReminderLeadMs: 0 });

    expect(tick.welcomes).toBe(1);
    expect((await welcomes(db)).map((w) => [w.idempotencyKey, (w.payload as { profileForm: boolean }).profileForm])).toEqual([[`welcome:${ine}`, true]]);
    expect((await runSchedulerTick(db.prisma, new Date(fixedNow.getTime() + 60_000), { instanceId: "test", eventReminderLeadMs: 0 })).welcomes).toBe(0);
  });

  it("welcomes an imported person as soon as the Slack sender finds their account by the address on file", async () => {
    const db = use();
    const { actor } = await seedDemo(db); // binds T0001 to the demo network
    const file = csvOf([DUTCH_HEADER, ["Kaasmakerij Twente", "Voeding", "klein", "Haaksbergen", "Twente", "werkplek", 4, "Ine Kaas", "ine@kaasmakerij.example", "HR", "lid", "ja"]]);
    const applied = await applyImport(depsFor(db), await actor("coordinator"), file);
    if (!applied.ok) throw new Error(applied.error.key);
    const [ine] = applied.value.createdPersonIds;

    expect(await linkFoundIdentity(db.prisma, ine!, slack("UINE"), "ine@kaasmakerij.example")).toBe("linked");

    expect((await welcomes(db)).map((w) => ({ key: w.idempotencyKey, platform: w.platform, address: w.address }))).toEqual([
      { key: `welcome:${ine}`, platform: "SLACK", address: { tenantId: "T0001", userId: "UINE" } },
    ]);
  });

  it("refuses a member who tries to set the condition text, and a network whose condition needs no text; nothing changes", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    const before = await snapshotAll(db);
    expect(await setConditionText(depsFor(db), await actor("coordinator"), { text: "Wij verklaren…" })).toMatchObject({ ok: false, error: { reason: "invalid", key: "conditions.text.notNeeded" } });
    const placement = await listEmployers(depsFor(db), await actor("coordinator"));
    expect(placement.ok && placement.value.employers.map((e) => e.condition)).toEqual([null, null, null, null, null, null]);

    expect(await snapshotAll(db)).toEqual(before);

    await asCondition(db, networkId);
    const asked = await snapshotAll(db);
    const joost = await actor("bakeryHr");
    expect(await setConditionText(depsFor(db), joost, { text: "Wij verklaren…" })).toMatchObject({ ok: false, error: { reason: "notAllowed", key: "conditions.text.coordinatorOnly" } });
    expect(await setConditionText(depsFor(db), await actor("coordinator"), { text: "   " })).toMatchObject({ ok: false, error: { reason: "invalid", fields: { text: { key: "field.required" } } } });
    expect(await setConditionText(depsFor(db), await actor("coordinator"), { text: "x".repeat(2_501) })).toMatchObject({ ok: false, error: { fields: { text: { key: "field.tooLong" } } } });
    expect(await confirmCondition(depsFor(db), joost, { textId: "nothing" })).toMatchObject({ ok: false, error: { key: "conditions.confirm.noText" } });
    expect(await snapshotAll(db)).toEqual(asked);
    expect(await db.prisma.membershipConditionText.count()).toBe(0);
  });

  it("a coordinator sets the text, each employer confirms it (who, when), a new version opens it again, and coordinators see met/open since when", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await asCondition(db, networkId);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    const els = await actor("bakeryDirector");

    const v1 = await setConditionText(depsFor(db), sanne, { text: "Wij maken werk van inclusief werkgeverschap." });
    if (!v1.ok) throw new Error(v1.error.key);
    expect(v1.value).toMatchObject({ version: 1, changed: true, asked: 7 }); // the reporting contacts of the six employers
    const asks = await db.prisma.outboxMessage.findMany({ where: { kind: "conditions.ask" } });
    expect(asks.map((a) => a.idempotencyKey)).toContain(`condition:${v1.value.id}:${joost.personId}`);
    expect(asks[0]!.payload).toMatchObject({ textId: v1.value.id, version: 1, condition: "INTENTIEVERKLARING" });
    // The same text again is no new version and asks nobody twice.
    expect(await setConditionText(depsFor(db), sanne, { text: " Wij maken werk van inclusief werkgeverschap. " })).toMatchObject({ ok: true, value: { version: 1, changed: false } });
    expect(await db.prisma.outboxMessage.count({ where: { kind: "conditions.ask" } })).toBe(7);

    const later = new Date(fixedNow.getTime() + 86_400_000);
    expect(await confirmCondition(depsFor(db, later), joost, { textId: v1.value.id })).toMatchObject({ ok: true, value: { employerName: "Bakkerij De Korenschoof", version: 1, already: false, confirmedAt: later } });
    expect(await confirmCondition(depsFor(db), els, { textId: v1.value.id })).toMatchObject({ ok: true, value: { already: true, confirmedAt: later } });
    expect(await db.prisma.membershipConfirmation.findMany({ select: { confirmedById: true, confirmedAt: true } })).toEqual([{ confirmedById: joost.personId, confirmedAt: later }]);
    expect(await confirmCondition(depsFor(db), sanne, { textId: v1.value.id })).toMatchObject({ ok: false, error: { key: "conditions.confirm.noEmployer" } });

    const listed = await listEmployers(depsFor(db), sanne);
    if (!listed.ok) throw new Error(listed.error.key);
    const state = (name: string) => listed.value.employers.find((e) => e.name === name)?.condition;
    expect(state("Bakkerij De Korenschoof")).toEqual({ status: "met", since: later, version: 1, confirmedById: joost.personId });
    expect(state("Hengelo Logistiek BV")).toEqual({ status: "open", since: v1.value.createdAt, version: 1 });
    expect(await viewCondition(depsFor(db), els)).toMatchObject({ ok: true, value: { confirmation: { employerName: "Bakkerij De Korenschoof", state: { status: "met" }, confirmedByName: "Joost Bakker" } } });

    const v2 = await setConditionText(depsFor(db, later), sanne, { text: "Wij maken werk van inclusief werkgeverschap, met vijf plaatsingen per jaar." });
    if (!v2.ok) throw new Error(v2.error.key);
    expect(v2.value.version).toBe(2);
    expect(await confirmCondition(depsFor(db), joost, { textId: v1.value.id })).toMatchObject({ ok: false, error: { reason: "conflict", key: "conditions.confirm.outdated", params: { version: 2 } } });
    const relisted = await listEmployers(depsFor(db), sanne);
    expect(relisted.ok && relisted.value.employers.find((e) => e.name === "Bakkerij De Korenschoof")?.condition).toEqual({ status: "open", since: later, version: 2 });
    expect(await db.prisma.auditLog.count({ where: { action: { in: ["condition.text", "condition.confirm"] } } })).toBe(3);
  });

  it("puts the condition in the welcome while the employer has not confirmed, and in the export, which imports again as no change", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await asCondition(db, networkId);
    const sanne = await actor("coordinator");
    const text = await setConditionText(depsFor(db), sanne, { text: "Wij tekenen het convenant." });
    if (!text.ok) throw new Error(text.error.key);
    await confirmCondition(depsFor(db), await actor("bakeryHr"), { textId: text.value.id });
    await addPerson(depsFor(db), sanne, { name: "Nina Meel", email: "nina@bakkerij-korenschoof.example", employer: "Bakkerij De Korenschoof" });
    await addPerson(depsFor(db), sanne, { name: "Tom Hengelo", email: "tom@hengelo-logistiek.example", employer: "Hengelo Logistiek BV" });
    await linkIdentityByEmail(db.prisma, slack("UNINA"), "nina@bakkerij-korenschoof.example", await allNetworkIds(db));
    await linkIdentityByEmail(db.prisma, slack("UTOM"), "tom@hengelo-logistiek.example", await allNetworkIds(db));

    const payloads = Object.fromEntries((await welcomes(db)).map((w) => [(w.payload as { name: string }).name, w.payload]));
    expect(payloads["Nina Meel"]).toMatchObject({ confirm: null, profileForm: false });
    expect(payloads["Tom Hengelo"]).toMatchObject({ confirm: { condition: "INTENTIEVERKLARING", textId: text.value.id, version: 1, text: "Wij tekenen het convenant." } });

    const exported = await exportMemberList(depsFor(db), sanne, { format: "csv" });
    if (!exported.ok) throw new Error(exported.error.key);
    const lines = String(exported.value.content).split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${[...DUTCH_HEADER, "voorwaarde"].join(";")}`);
    expect(lines.find((l) => l.startsWith("Bakkerij De Korenschoof"))?.endsWith(";voldaan sinds 25-11-2026")).toBe(true);
    expect(lines.find((l) => l.startsWith("Hengelo Logistiek BV"))?.endsWith(";open sinds 25-11-2026")).toBe(true);
    const file = new TextEncoder().encode(String(exported.value.content));
    const plan = await previewImport(depsFor(db), sanne, file);
    expect(plan).toMatchObject({ ok: true, value: { unknownColumns: [] } });
    expect(await applyImport(depsFor(db), sanne, file)).toMatchObject({ ok: true, value: { changed: false } });
    const xlsx = await exportMemberList(depsFor(db), sanne, { format: "xlsx" });
    if (!xlsx.ok) throw new Error(xlsx.error.key);
    expect(await previewImport(depsFor(db), sanne, xlsx.value.content as Uint8Array)).toMatchObject({ ok: true, value: { unknownColumns: [] } });
    expect(await applyImport(depsFor(db), sanne, xlsx.value.content as Uint8Array)).toMatchObject({ ok: true, value: { changed: false } });
  });

  it("honours each person's listing in the directory (also its name search) and in subgroup contact lists", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const fleur = await actor("careBuyer");
    const joost = await actor("bakeryHr");
    const mo = await actor("logisticsHr");
    const people = async (term: string) => {
      const page = await searchDirectory(depsFor(db), mo, { term });
      return page.ok ? page.value.employers.flatMap((e) => e.people.map((p) => ({ name: p.name, email: p.email }))) : page.error.key;
    };
    const contacts = async () => {
      const list = await listSubgroups(depsFor(db), mo);
      return list.ok ? list.value.subgroups.flatMap((s) => s.contacts.map((c) => ({ name: c.name, email: c.email }))) : list.error.key;
    };
    expect(await people("Joost")).toEqual([{ name: "Els Meel", email: "els.directie@bakkerij-korenschoof.example" }, { name: "Joost Bakker", email: "joost.hr@bakkerij-korenschoof.example" }]);

    const before = await snapshotAll(db);
    expect(await setDirectoryListing(depsFor(db), joost, { listing: "iedereen" })).toMatchObject({ ok: false, error: { reason: "invalid", fields: { listing: { key: "field.invalidListing" } } } });
    expect(await snapshotAll(db)).toEqual(before);

    expect(await setDirectoryListing(depsFor(db), joost, { listing: "naam functie" })).toEqual({ ok: true, value: { listing: "NAME_FUNCTION" } });
    expect(await setDirectoryListing(depsFor(db), fleur, { listing: "verborgen" })).toEqual({ ok: true, value: { listing: "HIDDEN" } });

    expect(await people("Joost")).toEqual([{ name: "Els Meel", email: "els.directie@bakkerij-korenschoof.example" }, { name: "Joost Bakker", email: null }]);
    expect(await people("Fleur")).toEqual([]);
    expect(await people("Dinkel")).toEqual([]); // Zorggroep Dinkel itself is found, without its only person
    expect(await contacts()).toEqual([{ name: "Joost Bakker", email: null }]);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: fleur.personId }, select: { directoryListingChosenAt: true } })).toEqual({ directoryListingChosenAt: fixedNow });
  });
});
