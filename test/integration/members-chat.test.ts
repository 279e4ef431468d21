import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleAction, handleFormSubmit, handleText } from "../../src/chat/conversation.js";
import type { Button, ChatEffect } from "../../src/chat/message.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, type DemoPersonKey, chatFor } from "../support/fixtures.js";
import { visibleText } from "../support/chat-text.js";
import { expectSameTable, readCsv } from "../support/export-files.js";
import { snapshotAll } from "../support/members-fixtures.js";

/** Everything a person would read in an effect's message, one string. */
function visible(effect: ChatEffect | undefined): string {
  if (!effect) return "";
  if (effect.type === "file") return effect.file.title;
  if (effect.type === "formErrors") return Object.values(effect.errors).join("\n");
  if (effect.type === "openForm") return [effect.form.title, ...effect.form.fields.map((f) => f.label)].join("\n");
  if (effect.type === "refreshAnnouncements") return "";
  return visibleText(effect.message);
}


function buttons(effect: ChatEffect | undefined): Button[] {
  if (!effect || !("message" in effect)) return [];
  return effect.message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
}

describeEachDatabase("subgroups, directory and members in chat", (use) => {
  async function as(key: DemoPersonKey) {
    const db = use();
    const seeded = await seedDemo(db);
    return { db, ctx: chatContext(chatFor(depsFor(db)), await seeded.actor(key), "SLACK"), seeded };
  }

  it("lists subgroups with contacts and member counts", async () => {
    const { ctx } = await as("bakeryHr");
    const [effect] = await handleText(ctx, "subgroepen");
    const text = visible(effect);
    expect(effect?.type).toBe("reply");
    expect(text).toContain("Subgroepen van het netwerk");
    expect(text).toContain("HR-kenniskring — 3 leden (jij bent lid)");
    expect(text).toContain("Inclusief inkopen — 2 leden");
    expect(text).toContain("Contactpersoon: Fleur Jansen");
  });

  it("shows a subgroup's contacts and joins it with the button, redrawing the card", async () => {
    const { ctx, db } = await as("logisticsHr");
    const [shown] = await handleText(ctx, "subgroep inkopen");
    expect(visible(shown)).toContain("Fleur Jansen — Zorggroep Dinkel, Inkoop — fleur.inkoop@zorggroep-dinkel.example");
    const [join] = buttons(shown);
    expect(join).toMatchObject({ action: "subgroups.join", label: "Word lid", style: "primary" });

    const [updated] = await handleAction(ctx, join!.action, join!.value);

    expect(updated?.type).toBe("update");
    expect(visible(updated)).toContain("Je bent nu lid van Inclusief inkopen.");
    expect(buttons(updated)).toMatchObject([{ action: "subgroups.leave", label: "Verlaat subgroep" }]);
    expect(await db.prisma.subgroupMembership.count({ where: { personId: ctx.actor.personId, subgroup: { slug: "inclusief-inkopen" } } })).toBe(1);
  });

  it("answers joining and leaving twice with clear messages", async () => {
    const { ctx } = await as("logisticsHr");
    expect(visible((await handleText(ctx, "lid inkopen"))[0])).toBe("Je bent nu lid van Inclusief inkopen.");
    expect(visible((await handleText(ctx, "lid Inclusief Inkopen"))[0])).toBe("Je was al lid van Inclusief inkopen.");
    expect(visible((await handleText(ctx, "verlaat inkopen"))[0])).toBe("Je bent geen lid meer van Inclusief inkopen.");
    expect(visible((await handleText(ctx, "verlaat inkopen"))[0])).toBe("Je was geen lid van Inclusief inkopen, dus er is niets veranderd.");
    expect(visible((await handleText(ctx, "lid breiclub"))[0])).toContain("Ik ken geen subgroep \"breiclub\"");
    expect(visible((await handleText(ctx, "lid"))[0])).toContain("Typ lid <naam van de subgroep>");
  });

  it("speaks English to someone who prefers it", async () => {
    const { ctx } = await as("englishSpeaker");
    expect(visible((await handleText(ctx, "subgroups"))[0])).toContain("Subgroups of the network");
    expect(visible((await handleText(ctx, "join hr"))[0])).toBe("You were already a member of HR-kenniskring.");
    expect(visible((await handleText(ctx, "search offers:knowledge"))[0])).toContain("Member directory: 3 employers found");
  });

  it("says which subgroups an ambiguous name matches", async () => {
    const { ctx, db, seeded } = await as("bakeryHr");
    await db.prisma.subgroup.create({ data: { networkId: seeded.networkId, slug: "inkopen-zorg", name: "Inkopen in de zorg" } });
    expect(visible((await handleText(ctx, "subgroep inkopen"))[0])).toBe("\"inkopen\" past bij meer subgroepen: Inclusief inkopen, Inkopen in de zorg. Welke bedoel je?");
  });

  it("searches the directory with filters and pages with buttons", async () => {
    const { ctx, db, seeded } = await as("bakeryHr");
    const [found] = await handleText(ctx, "zoek regio:hengelo functie:hr");
    expect(visible(found)).toContain("Ledengids: 1 werkgever gevonden");
    expect(visible(found)).toContain("Hengelo Logistiek BV");
    expect(visible(found)).toContain("Mo Yilmaz — HR — mo.hr@hengelo-logistiek.example");
    expect(visible(found)).toContain("regio hengelo · functie HR");

    await db.prisma.employer.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ networkId: seeded.networkId, name: `Extra ${i}`, branche: "Test", sizeBand: "SMALL" as const, location: "Delden", region: "Twente", offers: ["WERKPLEK" as const] })),
    });
    // Control characters are stripped before the query goes into the button value.
    const [first] = await handleText(ctx, `zoek branche:te${"\u0007".repeat(1_500)}st biedt:werkplek`);
    expect(visible(first)).toContain("Pagina 1 van 2");
    const next = buttons(first).find((b) => b.action === "directory.page");
    expect(next?.label).toBe("Volgende");
    expect(JSON.parse(next!.value)).toEqual({ branche: "test", offers: ["WERKPLEK"], page: 2 });
    const [second] = await handleAction(ctx, next!.action, next!.value);
    expect(visible(second)).toContain("Pagina 2 van 2");
    expect(buttons(second).map((b) => b.label)).toEqual(["Vorige"]);
  });

  it("explains unknown filters, forged page buttons and bad values", async () => {
    const { ctx } = await as("bakeryHr");
    expect(visible((await handleText(ctx, "zoek kleur:rood"))[0])).toContain("Het filter \"kleur\" ken ik niet.");
    expect(visible((await handleText(ctx, "zoek biedt:geld"))[0])).toContain("Kies werkplek, tijd of kennis");
    expect(visible((await handleAction(ctx, "directory.page", "{not json"))[0])).toBe("Deze knop werkt niet meer. Typ help om opnieuw te beginnen.");
    expect(visible((await handleAction(ctx, "directory.page", JSON.stringify({ page: 999 })))[0])).toContain("Verder dan pagina 50");
  });

  it("changes the language and confirms in the new one", async () => {
    const { ctx, db } = await as("bakeryHr");
    expect(visible((await handleText(ctx, "taal en"))[0])).toBe("Fine, from now on I will speak English with you.");
    expect((await db.prisma.person.findUniqueOrThrow({ where: { id: ctx.actor.personId } })).locale).toBe("en");
    expect(visible((await handleText(ctx, "taal klingon"))[0])).toContain("Kies nl (Nederlands) of en (English).");
  });

  it("hands over 'mijn gegevens' as a CSV file to open in Excel, as .xlsx or as JSON on request, while 'mijn' still shows the reports", async () => {
    const { ctx } = await as("bakeryHr");
    const effects = await handleText(ctx, "mijn gegevens");
    expect(visible(effects[0])).toBe("Hier zijn alle gegevens die ik over je bewaar, als CSV-bestand.");
    const file = effects.find((e) => e.type === "file");
    if (file?.type !== "file") throw new Error("expected a file");
    expect(file.file).toMatchObject({ filename: "gegevens-2026-11-25.csv", mimeType: "text/csv; charset=utf-8" });
    const rows = readCsv(file.file.content);
    expect(rows).toContainEqual(["Persoon", "E-mail", "joost.hr@bakkerij-korenschoof.example", "", ""]);
    expect(rows.find((r) => r[0] === "Subgroep")?.slice(1, 3)).toEqual(["HR-kenniskring", "contactpersoon"]);

    const xlsx = (await handleText(ctx, "mijn gegevens xlsx")).find((e) => e.type === "file");
    if (xlsx?.type !== "file") throw new Error("expected a file");
    expect(xlsx.file.filename).toBe("gegevens-2026-11-25.xlsx");
    await expectSameTable(file.file.content, xlsx.file.content, "nl");

    const effectsJson = await handleText(ctx, "mijn gegevens json");
    const json = effectsJson.find((e) => e.type === "file");
    expect(json?.type === "file" && json.file.mimeType).toBe("application/json");
    const parsed = json?.type === "file" ? JSON.parse(String(json.file.content)) : null;
    expect(parsed.person).toMatchObject({ name: "Joost Bakker", email: "joost.hr@bakkerij-korenschoof.example" });
    expect(parsed.subgroupMemberships).toMatchObject([{ slug: "hr-kenniskring" }]);

    expect(visible((await handleText(ctx, "mijn"))[0])).toContain("Rapportages van Bakkerij De Korenschoof");
  });

  it("erases only after the confirmation button is pressed", async () => {
    const { ctx, db } = await as("bakeryHr");
    const before = await snapshotAll(db);

    const [confirm] = await handleText(ctx, "verwijder mijn gegevens");
    expect(visible(confirm)).toContain("Weet je zeker dat je je gegevens wilt laten verwijderen?");
    expect(await snapshotAll(db)).toEqual(before);
    const [yes, no] = buttons(confirm);
    expect(yes).toMatchObject({ action: "members.erase.confirm", style: "danger" });

    expect(visible((await handleAction(ctx, no!.action, no!.value))[0])).toBe("Er is niets verwijderd.");
    expect(await snapshotAll(db)).toEqual(before);

    const [done] = await handleAction(ctx, yes!.action, yes!.value);
    expect(done?.type).toBe("update");
    expect(visible(done)).toContain("Je gegevens zijn verwijderd.");
    const person = await db.prisma.person.findUniqueOrThrow({ where: { id: ctx.actor.personId } });
    expect(person).toMatchObject({ email: null, name: "Verwijderd lid" });
  });

  it("refuses a member erasing someone else, even with a forged button", async () => {
    const { ctx, db } = await as("bakeryHr");
    const fleur = await db.prisma.person.findFirstOrThrow({ where: { email: "fleur.inkoop@zorggroep-dinkel.example" } });
    const before = await snapshotAll(db);

    const [typed] = await handleText(ctx, "verwijder gegevens fleur.inkoop@zorggroep-dinkel.example");
    expect(visible(typed)).toContain("Je kunt alleen je eigen gegevens opvragen of laten verwijderen.");
    expect(buttons(typed)).toEqual([]);
    const [pressed] = await handleAction(ctx, "members.erase.confirm", fleur.id);
    expect(visible(pressed)).toContain("Je kunt alleen je eigen gegevens");
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("lets a coordinator appoint a contact; members get the coordinator-only answer", async () => {
    const { ctx, seeded } = await as("coordinator");
    expect(visible((await handleText(ctx, "contact inclusief inkopen mo.hr@hengelo-logistiek.example"))[0])).toBe(
      "Mo Yilmaz is nu contactpersoon (en lid) van Inclusief inkopen.",
    );
    expect(visible((await handleText(ctx, "contact verwijder inkopen mo.hr@hengelo-logistiek.example"))[0])).toBe(
      "Mo Yilmaz is geen contactpersoon meer van Inclusief inkopen, maar blijft lid.",
    );
    expect(visible((await handleText(ctx, "contact inkopen"))[0])).toContain("Typ contact <subgroep> <e-mailadres>");

    const joost = chatContext(chatFor(depsFor(use())), await seeded.actor("bakeryHr"), "SLACK");
    expect(visible((await handleText(joost, "contact inkopen mo.hr@hengelo-logistiek.example"))[0])).toContain("alleen voor netwerkcoördinatoren");
  });

  it("creates a subgroup in one line or through the form, with field errors kept in the form", async () => {
    const { ctx } = await as("coordinator");
    expect(visible((await handleText(ctx, "subgroep nieuw Jobcarving | Functies opknippen"))[0])).toBe("Subgroep Jobcarving is aangemaakt (korte naam: jobcarving).");
    const [form] = await handleText(ctx, "subgroep nieuw");
    expect(form).toMatchObject({ type: "openForm", form: { id: "subgroups.create" } });
    expect(await handleFormSubmit(ctx, "subgroups.create", { name: "" })).toEqual([{ type: "formErrors", errors: { name: "Vul dit veld in." } }]);
    expect(await handleFormSubmit(ctx, "subgroups.create", { name: "jobcarving" })).toEqual([{ type: "formErrors", errors: { name: "Er is al een subgroep met de naam \"jobcarving\"." } }]);
  });

  it("refuses members creating a subgroup", async () => {
    const { ctx, db } = await as("bakeryHr");
    const before = await snapshotAll(db);
    expect(visible((await handleText(ctx, "subgroep nieuw Mijn club"))[0])).toBe("Dat mag alleen een netwerkcoördinator.");
    expect(await handleFormSubmit(ctx, "subgroups.create", { name: "Mijn club" })).toEqual([{ type: "formErrors", errors: { name: "Dat mag alleen een netwerkcoördinator." } }]);
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("shows the employer profile and edits it through the form", async () => {
    const { ctx, db } = await as("bakeryHr");
    const [shown] = await handleText(ctx, "profiel");
    expect(visible(shown)).toContain("Bakkerij De Korenschoof");
    expect(visible(shown)).toContain("Branche: Voeding");
    expect(visible(shown)).toContain("Biedt: werkplek, tijd");
    const [edit] = buttons(shown);
    const [opened] = await handleAction(ctx, edit!.action, edit!.value);
    expect(opened?.type).toBe("openForm");
    const form = opened?.type === "openForm" ? opened.form : undefined;

    const bad = await handleFormSubmit(ctx, form!.id, { inclusionMaturity: "9", region: "Twente" }, form!.context);
    expect(bad).toEqual([{ type: "formErrors", errors: { inclusionMaturity: "Kies een volwassenheidsniveau van 1 tot en met 5." } }]);
    // A bad Biedt value is explained under Biedt, not under the form's first field (issue 14).
    const badOffer = await handleFormSubmit(ctx, form!.id, { offers: "werkplek, geld" }, form!.context);
    expect(badOffer).toEqual([{ type: "formErrors", errors: { offers: "Kies werkplek, tijd of kennis (of een paar daarvan, met komma's ertussen)." } }]);
    const [saved] = await handleFormSubmit(ctx, form!.id, { inclusionMaturity: "4", offers: "werkplek, kennis", challenges: "" }, form!.context);
    expect(visible(saved)).toContain("Het profiel is bijgewerkt.");
    const employer = await db.prisma.employer.findUniqueOrThrow({ where: { id: ctx.actor.employerId! } });
    expect(employer).toMatchObject({ inclusionMaturity: 4, offers: ["WERKPLEK", "KENNIS"], challenges: [] });
  });

  it("refuses a member editing another employer's profile through a forged form context", async () => {
    const { ctx, db } = await as("bakeryHr");
    const other = await db.prisma.employer.findFirstOrThrow({ where: { name: "Zorggroep Dinkel" } });
    const before = await snapshotAll(db);
    const result = await handleFormSubmit(ctx, "members.profile", { ambition: "1" }, other.id);
    expect(visible(result[0])).toContain("Je kunt alleen het profiel van je eigen organisatie");
    expect(await snapshotAll(db)).toEqual(before);
  });

  it("lets a coordinator add a person through the form", async () => {
    const { ctx, db } = await as("coordinator");
    const [opened] = await handleText(ctx, "persoon");
    expect(opened).toMatchObject({ type: "openForm", form: { id: "members.addPerson" } });
    const bad = await handleFormSubmit(ctx, "members.addPerson", { name: "Noor", email: "geen-adres", employer: "Bakkerij De Korenschoof", function: "HR", role: "MEMBER", reportingContact: "false" });
    expect(bad).toEqual([{ type: "formErrors", errors: { email: "Vul een geldig e-mailadres in." } }]);
    const [done] = await handleFormSubmit(ctx, "members.addPerson", { name: "Noor", email: "noor@example.nl", employer: "Bakkerij De Korenschoof", function: "HR", role: "MEMBER", reportingContact: "true" });
    expect(visible(done)).toContain("Noor (noor@example.nl) is toegevoegd");
    expect(await db.prisma.person.findFirst({ where: { email: "noor@example.nl", reportingContact: true, function: "HR" } })).not.toBeNull();
  });

  it("lists the new commands in help, coordinator lines only for coordinators", async () => {
    const member = await as("bakeryHr");
    const help = visible((await handleText(member.ctx, "help"))[0]);
    expect(help).toContain("subgroepen — alle subgroepen");
    expect(help).toContain("zoek <woord>");
    expect(help).toContain("mijn gegevens [xlsx|json] — download alles");
    expect(help).not.toContain("contact [verwijder]");
    const coordinator = chatContext(chatFor(depsFor(use())), await member.seeded.actor("coordinator"), "TEAMS");
    expect(visible((await handleText(coordinator, "help"))[0])).toContain("contact [verwijder] <subgroep> <e-mail>");
  });
});
