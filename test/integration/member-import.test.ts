import { expect, it } from "vitest";
import type { Actor } from "../../src/core/actor.js";
import { describePlan } from "../../src/core/import/describe.js";
import { applyImport, previewImport } from "../../src/core/import/import-members.js";
import type { ImportPlan } from "../../src/core/import/plan.js";
import type { Result } from "../../src/core/result.js";
import { translate } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { csvOf, DUTCH_HEADER, ENGLISH_HEADER, memberRows, xlsxOf, type SheetCells } from "../support/member-sheets.js";

const unwrap = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.key} ${JSON.stringify(result.error.params)}`);
  return result.value;
};
const refusal = (result: Result<unknown>) => {
  if (result.ok) throw new Error("expected a refusal");
  return translate("nl", result.error);
};
const bad = (plan: ImportPlan) => Object.fromEntries(plan.badRows.map((b) => [b.row, b.problems.map((p) => `${p.column ?? ""}: ${translate("nl", p.message)}`).join(" | ")]));

const bakery = ["Bakkerij De Korenschoof", "Voeding", "klein", "Enschede", "Twente", "werkplek, tijd", "12"];

describeEachDatabase("member import", (use) => {
  const deps = () => depsFor(use());
  const coordinator = async (): Promise<Actor> => (await seedDemo(use())).actor("coordinator");

  it("a dry run lists what would change and writes nothing", async () => {
    const actor = await coordinator();
    const before = await snapshotAll(use());
    const file = csvOf([
      DUTCH_HEADER,
      [...bakery, "Nieuwe Collega", "nieuw@bakkerij-korenschoof.example", "hr", "lid", "nee"],
      ["Groene Vingers BV", "Hoveniers", "25", "Borne", "Twente", "werkplek", "4", "Gijs Groen", "gijs@groenevingers.example", "directie", "lid", "ja"],
      ["  hengelo logistiek bv ", "Logistiek", "groot", "Hengelo", "Twente", "werkplek", "45", "Mo Yilmaz", "MO.HR@hengelo-logistiek.example ", "HR", "lid", "ja"],
    ]);
    const plan = unwrap(await previewImport(deps(), actor, file));
    expect(await snapshotAll(use())).toEqual(before);

    expect(plan.badRows).toEqual([]);
    expect(plan.employers.add.map((e) => [e.name, e.fields.sizeBand])).toEqual([["Groene Vingers BV", "SMALL"]]);
    expect(plan.employers.update).toEqual([expect.objectContaining({ name: "Hengelo Logistiek BV", row: 4, changes: [{ field: "ambition", from: 40, to: 45 }] })]);
    expect(plan.employers.unchanged).toBe(1);
    expect(plan.people.add.map((p) => [p.row, p.email, p.employer?.name])).toEqual([
      [2, "nieuw@bakkerij-korenschoof.example", "Bakkerij De Korenschoof"],
      [3, "gijs@groenevingers.example", "Groene Vingers BV"],
    ]);
    expect(plan.people.unchanged).toBe(1);
    expect(plan.employers.notInFile.sort()).toEqual(["Metaalwerken Almelo", "Servicebedrijf Twentestad", "Twente Tech Solutions", "Zorggroep Dinkel"]);
    expect(plan.people.notInFile.map((p) => p.email)).toContain("sanne.coordinator@example.nl");
    const text = describePlan(plan, "nl");
    expect(text.sections.map((s) => s.title)).toContain("Personen niet in het bestand (7): ze blijven staan. Verwijder of verplaats ze zelf als dat nodig is.");
    expect(text.sections.find((s) => s.id === "employersUpdate")!.lines).toEqual(["Hengelo Logistiek BV (rij 4): ambitie: 40 → 45"]);
  });

  it("reports every bad row with its Excel row number and reason, and still shows the good rows", async () => {
    const actor = await coordinator();
    const before = await snapshotCounts(use());
    const file = csvOf([
      ["Ledenlijst 99vanDemo, bijgewerkt november"],
      [],
      [...DUTCH_HEADER, "opmerking"],
      ["Nieuw BV", "Zorg", "middel", "Delden", "Twente", "", "", "Kees Nieuw", "kees@nieuw.example", "", "", "ja", "belt terug"],
      ["Nieuw BV", "Zorg", "reuze", "Delden", "Twente", "", "", "Karin", "karin@@nieuw", "", "", "", ""],
      ["", "", "", "", "", "", "", "Zonder Werkgever", "zonder@nergens.example", "", "lid", "", ""],
      ["Ander BV", "Bouw", "klein", "Goor", "Twente", "", "", "Kees Dubbel", "Kees@Nieuw.example", "", "", "", ""],
      ["Nieuw BV", "Welzijn", "", "", "", "", "", "Kim", "kim@nieuw.example", "", "", "", ""],
      ["Derde BV", "ICT", "micro", "Goor", "Twente", "vrijwilligers", "veel", "Dirk", "dirk@derde.example", "ceo", "baas", "misschien", ""],
      ["Nog een BV", "Sport", "", "", "", "", "", "Nina", "nina@nogeen.example", "", "", "", ""],
    ]);
    const plan = unwrap(await previewImport(deps(), actor, file));
    expect(bad(plan)).toEqual({
      5: 'omvang: Omvang "reuze" ken ik niet. Gebruik micro, klein, middel, groot of zeer groot, of het aantal medewerkers. | e-mail: "karin@@nieuw" is geen geldig e-mailadres.',
      6: ": De werkgever ontbreekt (alleen een coördinator mag zonder werkgever).",
      7: "e-mail: Dit e-mailadres staat ook in rij 4: één rij per persoon.",
      8: "branche: Dit wijkt af van rij 4 van dezelfde werkgever. Maak ze gelijk (of laat de cel hier leeg).",
      9: [
        'biedt: "vrijwilligers" ken ik niet. Gebruik werkplek, tijd en/of kennis, met komma\'s ertussen.',
        "ambitie: Vul een heel getal in.",
        'rol: Rol "baas" ken ik niet. Gebruik lid of coördinator.',
        'rapporteert: "misschien" is geen ja of nee.',
      ].join(" | "),
      10: ': Nieuwe werkgever "Nog een BV": vul omvang, plaats, regio in, op een van de rijen van deze werkgever.',
    });
    expect(plan.unknownColumns).toEqual(["opmerking"]);
    // The good row is in the plan as if the others were not there.
    expect(plan.people.add.map((p) => p.email)).toEqual(["kees@nieuw.example"]);
    expect(plan.employers.add.map((e) => e.name)).toEqual(["Nieuw BV"]);
    // Bad rows' addresses and employers are in the file, so they are not "niet in het bestand".
    expect(plan.employers.notInFile).not.toContain("Nieuw BV");

    expect(refusal(await applyImport(deps(), actor, file))).toBe("Er is niets ingelezen: 6 rijen hebben een fout. Verbeter ze in het bestand en lees het opnieuw in.");
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("applies all of it in one go, and the same file again changes nothing and says so", async () => {
    const actor = await coordinator();
    const file = csvOf(memberRows(20, 50));
    const applied = unwrap(await applyImport(deps(), actor, file));
    expect(applied).toMatchObject({ changed: true, counts: { employersAdded: 20, employersUpdated: 0, peopleAdded: 50, peopleUpdated: 0 } });
    expect(applied.createdPersonIds).toHaveLength(50);
    const network = { networkId: actor.networkId };
    expect(await use().prisma.employer.count({ where: network })).toBe(26);
    expect(await use().prisma.person.count({ where: { ...network, reportingContact: true, email: { endsWith: ".voorbeeld.example" } } })).toBe(20);
    const audit = await use().prisma.auditLog.findMany({ where: { action: "members.import" }, select: { actorId: true, subjectId: true, details: true } });
    expect(audit).toEqual([{ actorId: actor.personId, subjectId: actor.networkId, details: { format: "csv", rows: 50, employersAdded: 20, employersUpdated: 0, peopleAdded: 50, peopleUpdated: 0 } }]);

    const after = await snapshotAll(use());
    const again = unwrap(await applyImport(deps(), actor, file));
    expect(again).toMatchObject({ changed: false, counts: { employersAdded: 0, employersUpdated: 0, peopleAdded: 0, peopleUpdated: 0 } });
    expect(again.plan.people.unchanged).toBe(50);
    expect(describePlan(again.plan, "nl").verdict).toBe("Het bestand komt overeen met de ledenlijst: er verandert niets.");
    expect(await snapshotAll(use())).toEqual(after);
  });

  it("updates field by field, moves people between employers and never deletes", async () => {
    const actor = await coordinator();
    const file = csvOf([
      ENGLISH_HEADER,
      ["Bakkerij De Korenschoof", "Bakery", "80", "", "", "knowledge", "", "Joost Bakker", "joost.hr@bakkerij-korenschoof.example", "", "coordinator", "no"],
      ["Zorggroep Dinkel", "", "", "", "", "", "", "Els Meel-Bakker", "els.directie@bakkerij-korenschoof.example", "management", "", ""],
    ]);
    const plan = unwrap(await previewImport(deps(), actor, file));
    expect(plan.employers.update).toEqual([
      expect.objectContaining({
        name: "Bakkerij De Korenschoof",
        changes: [
          { field: "branche", from: "Voeding", to: "Bakery" },
          { field: "sizeBand", from: "SMALL", to: "MEDIUM" },
          { field: "offers", from: ["WERKPLEK", "TIJD"], to: ["KENNIS"] },
        ],
      }),
    ]);
    expect(plan.people.update.map((p) => [p.email, p.changes])).toEqual([
      ["joost.hr@bakkerij-korenschoof.example", [{ field: "role", from: "MEMBER", to: "COORDINATOR" }, { field: "reportingContact", from: true, to: false }]],
      ["els.directie@bakkerij-korenschoof.example", [{ field: "name", from: "Els Meel", to: "Els Meel-Bakker" }, { field: "employer", from: "Bakkerij De Korenschoof", to: "Zorggroep Dinkel" }]],
    ]);
    expect(describePlan(plan, "nl").sections.find((s) => s.id === "peopleUpdate")!.lines[1]).toBe(
      "Els Meel <els.directie@bakkerij-korenschoof.example> (rij 3): naam: Els Meel → Els Meel-Bakker; werkgever: Bakkerij De Korenschoof → Zorggroep Dinkel",
    );
    const people = await use().prisma.person.count();
    unwrap(await applyImport(deps(), actor, file, { expectedDigest: plan.digest }));
    const els = await use().prisma.person.findFirstOrThrow({ where: { email: "els.directie@bakkerij-korenschoof.example" }, select: { name: true, function: true, employer: { select: { name: true } } } });
    expect(els).toEqual({ name: "Els Meel-Bakker", function: "DIRECTIE", employer: { name: "Zorggroep Dinkel" } });
    const employer = await use().prisma.employer.findFirstOrThrow({ where: { name: "Bakkerij De Korenschoof" }, select: { branche: true, sizeBand: true, location: true, offers: true, ambition: true } });
    expect(employer).toEqual({ branche: "Bakery", sizeBand: "MEDIUM", location: "Enschede", offers: ["KENNIS"], ambition: 12 });
    expect(await use().prisma.person.count()).toBe(people);
  });

  it("refuses to apply a plan that is no longer what the coordinator saw", async () => {
    const actor = await coordinator();
    const file = csvOf([DUTCH_HEADER, [...bakery, "Nieuwe Collega", "nieuw@bakkerij-korenschoof.example", "hr", "lid", "nee"]]);
    const shown = unwrap(await previewImport(deps(), actor, file));
    // Meanwhile someone adds the same person by hand.
    const bakeryId = (await use().prisma.employer.findFirstOrThrow({ where: { name: bakery[0] }, select: { id: true } })).id;
    await use().prisma.person.create({ data: { networkId: actor.networkId, employerId: bakeryId, name: "Nieuwe Collega", email: "nieuw@bakkerij-korenschoof.example", function: "INKOOP" } });
    const before = await snapshotCounts(use());
    expect(refusal(await applyImport(deps(), actor, file, { expectedDigest: shown.digest }))).toBe(
      "Er is niets ingelezen: de ledenlijst is veranderd sinds het voorstel. Bekijk het voorstel opnieuw.",
    );
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("lists an archived employer's rows and skips them instead of bringing it back", async () => {
    const actor = await coordinator();
    await use().prisma.employer.updateMany({ where: { name: "Metaalwerken Almelo" }, data: { archivedAt: new Date("2026-10-01T00:00:00Z") } });
    const file = csvOf([DUTCH_HEADER, ["metaalwerken almelo", "Industrie", "groot", "Almelo", "Twente", "", "", "Nieuwe Lasser", "lasser@metaalwerken-almelo.example", "", "", ""]]);
    const plan = unwrap(await previewImport(deps(), actor, file));
    expect(plan.employers.archived).toEqual([{ name: "Metaalwerken Almelo", rows: [2] }]);
    expect(plan.people.add).toEqual([]);
    expect(plan.employers.update).toEqual([]);
    expect(plan.employers.notInFile).not.toContain("Metaalwerken Almelo");
    // Henk works for the archived employer, so he is not listed as missing either.
    expect(plan.people.notInFile.map((p) => p.email)).not.toContain("henk.mvo@metaalwerken-almelo.example");
    expect(describePlan(plan, "nl").verdict).toBe("Het bestand komt overeen met de ledenlijst: er verandert niets.");
  });

  it("answers an empty file, a header only, a 5 MB file, a binary file and a missing column clearly, changing nothing", async () => {
    const actor = await coordinator();
    const before = await snapshotAll(use());
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array(200).fill(7)]);
    const fiveMb = csvOf([DUTCH_HEADER, ...Array.from({ length: 45_000 }, (_, i) => [...bakery, `Persoon ${i}`, `p${i}@bakkerij.example`, "hr", "lid", "nee"])]);
    expect(fiveMb.length).toBeGreaterThan(5_000_000);
    const cases: Array<[Uint8Array, string]> = [
      [new Uint8Array(), "Het bestand is leeg. Kies het bestand met je ledenlijst (CSV of .xlsx)."],
      [csvOf([]), "Het bestand is leeg. Kies het bestand met je ledenlijst (CSV of .xlsx)."],
      [csvOf([DUTCH_HEADER]), "Het bestand heeft alleen een kopregel en nog geen leden. Vul onder de kopregel één rij per contactpersoon in."],
      [await xlsxOf([DUTCH_HEADER]), "Het bestand heeft alleen een kopregel en nog geen leden. Vul onder de kopregel één rij per contactpersoon in."],
      [fiveMb, "Het bestand is te groot (groter dan 2 MB). Een ledenlijst is veel kleiner: is dit het goede bestand?"],
      [png, "Dit is geen spreadsheet. Sla je ledenlijst in Excel op als CSV UTF-8 of als Excel-werkmap (.xlsx) en probeer het opnieuw."],
      [Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "Dit is een oud Excel-bestand (.xls). Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV UTF-8 en probeer het opnieuw."],
      [csvOf([["werkgever", "naam", "telefoon"], ["A", "B", "06"]]), "De kopregel mist de kolom e-mail (email). Gevonden: werkgever, naam, telefoon. Gebruik het sjabloon of geef de kolommen deze namen."],
    ];
    for (const [file, answer] of cases) {
      expect(refusal(await previewImport(deps(), actor, file))).toBe(answer);
      expect(refusal(await applyImport(deps(), actor, file))).toBe(answer);
    }
    expect(await snapshotAll(use())).toEqual(before);
  });

  it("reads the same list the same way as CSV with ; and a BOM, as CSV with , CRLF and line breaks in cells, and as .xlsx", async () => {
    const actor = await coordinator();
    const rows: SheetCells = [
      ...memberRows(6, 15),
      ['Bakkerij "De Korenschoof"; Enschede', "Voeding", "klein", "Enschede", "Twente", "werkplek, tijd", "3", "Anna\nde Vries", "anna@korenschoof-enschede.example", "HR", "coördinator", "ja"],
    ];
    const semicolon = unwrap(await previewImport(deps(), actor, csvOf(rows)));
    const comma = unwrap(await previewImport(deps(), actor, csvOf(rows, { delimiter: ",", bom: false, eol: "\r\n" })));
    const xlsx = unwrap(await previewImport(deps(), actor, await xlsxOf(rows)));
    expect(semicolon.badRows).toEqual([]);
    expect(semicolon.people.add).toHaveLength(16);
    expect(semicolon.people.add.at(-1)).toMatchObject({ row: 17, name: "Anna de Vries", role: "COORDINATOR", employer: { name: 'Bakkerij "De Korenschoof"; Enschede' } });
    expect([comma.format, xlsx.format]).toEqual(["csv", "xlsx"]);
    for (const other of [comma, xlsx]) {
      expect({ ...other, format: "csv" }).toEqual(semicolon);
    }
  });

  it("members may not preview or apply an import", async () => {
    const { actor } = await seedDemo(use());
    const member = await actor("bakeryHr");
    const file = csvOf([DUTCH_HEADER, [...bakery, "X", "x@x.example", "", "", ""]]);
    expect(refusal(await previewImport(deps(), member, file))).toBe("Dat mag alleen een netwerkcoördinator.");
    expect(refusal(await applyImport(deps(), member, file))).toBe("Dat mag alleen een netwerkcoördinator.");
  });
});
