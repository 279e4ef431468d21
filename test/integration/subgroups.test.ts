import { expect, it } from "vitest";
import { listSubgroups, showSubgroup } from "../../src/core/subgroups/list-subgroups.js";
import { appointContact, createSubgroup, removeContact } from "../../src/core/subgroups/manage.js";
import { joinSubgroup, leaveSubgroup } from "../../src/core/subgroups/membership.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedOtherNetwork, snapshotAll } from "../support/members-fixtures.js";

describeEachDatabase("subgroups", (use) => {
  it("lists the network's subgroups with member counts, contacts and the actor's membership", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await seedOtherNetwork(db);
    const joost = await actor("bakeryHr");

    const result = await listSubgroups(depsFor(db), joost);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.total).toBe(2);
    expect(result.value.subgroups.map((s) => [s.name, s.memberCount, s.isMember, s.contacts.map((c) => c.name)])).toEqual([
      ["HR-kenniskring", 3, true, ["Joost Bakker"]],
      ["Inclusief inkopen", 2, false, ["Fleur Jansen"]],
    ]);
  });

  it.each([
    ["inkopen", "Inclusief inkopen"],
    ["INCLUSIEF-INKOPEN", "Inclusief inkopen"],
    ["  hr kenniskring ", "HR-kenniskring"],
    ["kennis", "HR-kenniskring"],
  ])("finds a subgroup forgivingly by %j", async (query, name) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await showSubgroup(depsFor(db), await actor("careBuyer"), { subgroup: query });
    expect(result).toMatchObject({ ok: true, value: { name } });
  });

  it("shows a subgroup's contacts with employer, function and e-mail", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await showSubgroup(depsFor(db), await actor("bakeryHr"), { subgroup: "inkopen" });
    expect(result).toMatchObject({
      ok: true,
      value: { memberCount: 2, contacts: [{ name: "Fleur Jansen", employer: "Zorggroep Dinkel", function: "INKOOP", email: "fleur.inkoop@zorggroep-dinkel.example" }] },
    });
  });

  it("says which subgroups an ambiguous name matches", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await db.prisma.subgroup.create({ data: { networkId, slug: "inkopen-zorg", name: "Inkopen in de zorg" } });
    const result = await showSubgroup(depsFor(db), await actor("bakeryHr"), { subgroup: "inkopen" });
    expect(result).toMatchObject({ ok: false, error: { key: "subgroups.ambiguous", params: { names: "Inclusief inkopen, Inkopen in de zorg" } } });
  });

  it("never finds a subgroup of another network", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotAll(db);

    const byId = await joinSubgroup(depsFor(db), joost, { subgroup: other.subgroupId });

    expect(byId).toMatchObject({ ok: false, error: { reason: "notFound", key: "subgroups.notFound" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("joins and leaves idempotently, saying when nothing changed", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const deps = depsFor(db);

    expect(await joinSubgroup(deps, joost, { subgroup: "inkopen" })).toMatchObject({ ok: true, value: { alreadyMember: false } });
    expect(await joinSubgroup(deps, joost, { subgroup: "inclusief-inkopen" })).toMatchObject({ ok: true, value: { alreadyMember: true } });
    expect(await db.prisma.subgroupMembership.count({ where: { personId: joost.personId, subgroup: { slug: "inclusief-inkopen" } } })).toBe(1);

    expect(await leaveSubgroup(deps, joost, { subgroup: "inkopen" })).toMatchObject({ ok: true, value: { wasMember: true } });
    expect(await leaveSubgroup(deps, joost, { subgroup: "inkopen" })).toMatchObject({ ok: true, value: { wasMember: false } });
    expect(await db.prisma.subgroupMembership.count({ where: { personId: joost.personId, subgroup: { slug: "inclusief-inkopen" } } })).toBe(0);
  });

  it("makes one membership when the same person joins twice at once", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const mo = await actor("logisticsHr");
    const results = await Promise.all([1, 2, 3].map(() => joinSubgroup(depsFor(db), mo, { subgroup: "inkopen" })));
    expect(results.filter((r) => r.ok && !r.value.alreadyMember)).toHaveLength(1);
    expect(await db.prisma.subgroupMembership.count({ where: { personId: mo.personId, subgroup: { slug: "inclusief-inkopen" } } })).toBe(1);
  });

  it("lets a coordinator create a subgroup, with an audit row", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    const sanne = await actor("coordinator");

    const result = await createSubgroup(depsFor(db), sanne, { name: " Jobcarving  Café ", description: "Functies opknippen" });

    expect(result).toMatchObject({ ok: true, value: { name: "Jobcarving  Café", slug: "jobcarving-cafe" } });
    const stored = await db.prisma.subgroup.findUniqueOrThrow({ where: { networkId_slug: { networkId, slug: "jobcarving-cafe" } } });
    expect(stored.description).toBe("Functies opknippen");
    expect(await db.prisma.auditLog.findFirst({ where: { action: "subgroup.create", subjectId: stored.id, actorId: sanne.personId } })).not.toBeNull();
  });

  it("refuses a duplicate subgroup name and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await createSubgroup(depsFor(db), await actor("coordinator"), { name: "inclusief INKOPEN" });
    expect(result).toMatchObject({ ok: false, error: { reason: "conflict", key: "subgroups.exists" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("appoints a contact, making them a member, and removes them again keeping the membership", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const mo = await actor("logisticsHr");
    const deps = depsFor(db);

    const appointed = await appointContact(deps, sanne, { subgroup: "inkopen", person: "MO.HR@hengelo-logistiek.example" });
    expect(appointed).toMatchObject({ ok: true, value: { changed: true, person: { id: mo.personId }, subgroup: { slug: "inclusief-inkopen" } } });
    expect(await appointContact(deps, sanne, { subgroup: "inkopen", person: mo.personId })).toMatchObject({ ok: true, value: { changed: false } });
    const shown = await showSubgroup(deps, mo, { subgroup: "inkopen" });
    expect(shown.ok && shown.value.contacts.map((c) => c.name)).toEqual(["Fleur Jansen", "Mo Yilmaz"]);
    expect(shown.ok && shown.value.isMember).toBe(true);

    // Appointing an existing member (Mo is in the HR circle) upgrades the same row.
    expect(await appointContact(deps, sanne, { subgroup: "hr-kenniskring", person: mo.personId })).toMatchObject({ ok: true, value: { changed: true } });

    expect(await removeContact(deps, sanne, { subgroup: "inkopen", person: mo.personId })).toMatchObject({ ok: true, value: { changed: true } });
    expect(await removeContact(deps, sanne, { subgroup: "inkopen", person: mo.personId })).toMatchObject({ ok: true, value: { changed: false } });
    const membership = await db.prisma.subgroupMembership.findFirstOrThrow({ where: { personId: mo.personId, subgroup: { slug: "inclusief-inkopen" } } });
    expect(membership.isContact).toBe(false);
    const actions = await db.prisma.auditLog.findMany({ where: { actorId: sanne.personId }, select: { action: true, details: true }, orderBy: { at: "asc" } });
    expect(actions.map((a) => a.action).sort()).toEqual(["subgroup.contact.appoint", "subgroup.contact.appoint", "subgroup.contact.remove"]);
    expect(JSON.stringify(actions)).not.toContain("@");
  });

  it("refuses members creating subgroups or appointing contacts, and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const fleur = await actor("careBuyer");
    const before = await snapshotAll(db);

    expect(await createSubgroup(depsFor(db), fleur, { name: "Mijn clubje" })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await appointContact(depsFor(db), fleur, { subgroup: "inkopen", person: "joost.hr@bakkerij-korenschoof.example" })).toMatchObject({
      ok: false,
      error: { reason: "notAllowed" },
    });
    expect(await removeContact(depsFor(db), fleur, { subgroup: "inkopen", person: fleur.personId })).toMatchObject({ ok: false, error: { reason: "notAllowed" } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("refuses appointing a person of another network or an erased person", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const other = await seedOtherNetwork(db);
    const sanne = await actor("coordinator");
    const henk = await db.prisma.person.update({ where: { networkId_email: { networkId: sanne.networkId, email: "henk.mvo@metaalwerken-almelo.example" } }, data: { erasedAt: new Date() } });
    const before = await snapshotAll(db);

    for (const person of ["pieter@zorg-anders.example", other.personId, henk.id, "henk.mvo@metaalwerken-almelo.example"]) {
      expect(await appointContact(depsFor(db), sanne, { subgroup: "inkopen", person })).toMatchObject({ ok: false, error: { reason: "notFound", key: "members.personNotFound" } });
    }
    expect(await snapshotAll(db)).toEqual(before);
  });

  it.each([
    ["empty", { subgroup: "" }, "field.required"],
    ["only spaces and control characters", { subgroup: " \u0000\u0007 \u200B " }, "field.required"],
    ["huge", { subgroup: "x".repeat(10_000) }, "field.tooLong"],
    ["wrong type", { subgroup: { $ne: null } }, "field.invalid"],
    ["missing", {}, "field.required"],
  ])("rejects %s subgroup references and changes nothing", async (_name, input, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotAll(db);

    for (const call of [joinSubgroup, leaveSubgroup, showSubgroup]) {
      expect(await call(depsFor(db), joost, input)).toMatchObject({ ok: false, error: { reason: "invalid", fields: { subgroup: { key } } } });
    }
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("answers unknown names with notFound and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await joinSubgroup(depsFor(db), await actor("bakeryHr"), { subgroup: "breiclub" });
    expect(result).toMatchObject({ ok: false, error: { reason: "notFound", key: "subgroups.notFound", params: { name: "breiclub" } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it.each([
    ["empty name", { name: "" }, "name", "field.required"],
    ["punctuation only", { name: "!!! ---" }, "name", "field.invalid"],
    ["huge name", { name: "n".repeat(81) }, "name", "field.tooLong"],
    ["huge description", { name: "Goed", description: "d".repeat(501) }, "description", "field.tooLong"],
    ["wrong type", { name: 42 }, "name", "field.invalid"],
  ])("rejects a subgroup with %s and changes nothing", async (_name, input, field, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await createSubgroup(depsFor(db), await actor("coordinator"), input);
    expect(result).toMatchObject({ ok: false, error: { reason: "invalid", fields: { [field]: { key } } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("rejects a bad e-mail or person reference for contacts and changes nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const before = await snapshotAll(db);
    expect(await appointContact(depsFor(db), sanne, { subgroup: "inkopen", person: "" })).toMatchObject({ ok: false, error: { fields: { person: { key: "field.required" } } } });
    expect(await appointContact(depsFor(db), sanne, { subgroup: "inkopen", person: "nobody@example.nl" })).toMatchObject({ ok: false, error: { key: "members.personNotFound" } });
    expect(await appointContact(depsFor(db), sanne, { subgroup: "inkopen", person: ["a"] })).toMatchObject({ ok: false, error: { reason: "invalid" } });
    expect(await snapshotAll(db)).toEqual(before);
  });
});
