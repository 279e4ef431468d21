import { expect, it } from "vitest";
import { searchDirectory } from "../../src/core/directory/search-directory.js";
import { MAX_PAGE, PAGE_SIZE } from "../../src/core/directory/schema.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { seedOtherNetwork, snapshotAll } from "../support/members-fixtures.js";

const names = (result: Awaited<ReturnType<typeof searchDirectory>>) => (result.ok ? result.value.employers.map((e) => e.name) : result.error);

describeEachDatabase("directory", (use) => {
  it("lists every employer of the own network, and none of another, when no filter is given", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await seedOtherNetwork(db);

    const result = await searchDirectory(depsFor(db), await actor("bakeryHr"), {});

    expect(result).toMatchObject({ ok: true, value: { total: 6, page: 1, pageCount: 1 } });
    expect(names(result)).not.toContain("Zorg Anders BV");
  });

  it.each([
    ["branche", { branche: "zorg" }, ["Zorggroep Dinkel"]],
    ["region (matches the vestigingsplek)", { region: "hengelo" }, ["Hengelo Logistiek BV"]],
    ["offers in Dutch words", { offers: "kennis,tijd" }, ["Servicebedrijf Twentestad", "Twente Tech Solutions"]],
    ["offers in English words", { offers: ["knowledge", "workplace"] }, ["Servicebedrijf Twentestad", "Zorggroep Dinkel"]],
    ["size band in Dutch", { sizeBand: "middel" }, ["Metaalwerken Almelo", "Twente Tech Solutions"]],
    ["function", { function: "inkoop" }, ["Zorggroep Dinkel"]],
    ["subgroup (forgiving name)", { subgroup: "kenniskring" }, ["Bakkerij De Korenschoof", "Hengelo Logistiek BV", "Twente Tech Solutions"]],
    ["free text on an employer", { term: "bakkerij" }, ["Bakkerij De Korenschoof"]],
    ["free text on a person's name", { term: "yilmaz" }, ["Hengelo Logistiek BV"]],
    ["term and filters together", { term: "enschede", offers: "werkplek" }, ["Bakkerij De Korenschoof", "Servicebedrijf Twentestad"]],
  ])("filters by %s, within the own network only", async (_name, input, expected) => {
    const db = use();
    const { actor } = await seedDemo(db);
    await seedOtherNetwork(db); // same branche, region, offers and subgroup slug: must not show up

    const result = await searchDirectory(depsFor(db), await actor("bakeryHr"), input);

    expect(names(result)).toEqual(expected);
  });

  it("lists only the people matching person filters, with function and e-mail", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await searchDirectory(depsFor(db), await actor("careBuyer"), { term: "korenschoof", function: "directie" });
    expect(result).toMatchObject({
      ok: true,
      value: { employers: [{ name: "Bakkerij De Korenschoof", people: [{ name: "Els Meel", function: "DIRECTIE", email: "els.directie@bakkerij-korenschoof.example" }] }] },
    });
  });

  it("never shows erased people, nor finds employers through them", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await db.prisma.person.update({ where: { networkId_email: { networkId, email: "mo.hr@hengelo-logistiek.example" } }, data: { erasedAt: new Date() } });
    const deps = depsFor(db);
    const joost = await actor("bakeryHr");

    expect(names(await searchDirectory(deps, joost, { term: "yilmaz" }))).toEqual([]);
    expect(names(await searchDirectory(deps, joost, { region: "hengelo", function: "hr" }))).toEqual([]);
    const all = await searchDirectory(deps, joost, {});
    const people = all.ok ? all.value.employers.flatMap((e) => e.people.map((p) => p.name)) : [];
    expect(people).not.toContain("Mo Yilmaz");
    expect(people).toContain("Joost Bakker");
  });

  it("treats % and _ in the search text literally", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    expect(names(await searchDirectory(depsFor(db), joost, { term: "%" }))).toEqual([]);
    expect(names(await searchDirectory(depsFor(db), joost, { term: "_" }))).toEqual([]);
  });

  it("pages through results in bounded pages", async () => {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await db.prisma.employer.createMany({
      data: Array.from({ length: 19 }, (_, i) => ({
        networkId,
        name: `Pagina Test ${String(i).padStart(2, "0")}`,
        branche: "Test",
        sizeBand: "SMALL" as const,
        location: "Delden",
        region: "Twente",
      })),
    });
    const joost = await actor("bakeryHr");

    const first = await searchDirectory(depsFor(db), joost, { branche: "test" });
    const second = await searchDirectory(depsFor(db), joost, { branche: "test", page: "2" });

    expect(first).toMatchObject({ ok: true, value: { total: 19, pageCount: 2, page: 1 } });
    expect(first.ok && first.value.employers).toHaveLength(PAGE_SIZE);
    expect(second.ok && second.value.employers.map((e) => e.name)).toHaveLength(19 - PAGE_SIZE);
    expect(names(second)).toContain("Pagina Test 18");
  });

  it.each([
    ["an unknown offer", { offers: "geld" }, "offers.0", "field.offers"],
    ["an unknown function", { function: "ceo-whisperer" }, "function", "field.invalid"],
    ["an unknown size", { sizeBand: "enorm" }, "sizeBand", "field.invalid"],
    ["a page beyond the bound", { page: MAX_PAGE + 1 }, "page", "field.pageTooFar"],
    ["page zero", { page: 0 }, "page", "field.invalid"],
    ["a page that is not a number", { page: "twee" }, "page", "field.invalid"],
    ["a huge term", { term: "x".repeat(5_000) }, "term", "field.tooLong"],
    ["a wrong type", { term: { contains: "" } }, "term", "field.invalid"],
  ])("rejects %s and changes nothing", async (_name, input, field, key) => {
    const db = use();
    const { actor } = await seedDemo(db);
    const before = await snapshotAll(db);
    const result = await searchDirectory(depsFor(db), await actor("bakeryHr"), input);
    expect(result).toMatchObject({ ok: false, error: { reason: "invalid", fields: { [field]: { key } } } });
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("answers an unknown subgroup filter with notFound", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await searchDirectory(depsFor(db), await actor("bakeryHr"), { subgroup: "breiclub" });
    expect(result).toMatchObject({ ok: false, error: { reason: "notFound", key: "subgroups.notFound" } });
  });

  it("strips control characters from the search text", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const result = await searchDirectory(depsFor(db), await actor("bakeryHr"), { term: "\u0000bakk\u200Berij\u0007" });
    expect(names(result)).toEqual(["Bakkerij De Korenschoof"]);
  });
});
