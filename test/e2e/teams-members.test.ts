import { teamsAppPerTest } from "../support/test-app.js";
import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser, tenantId } from "../support/teams-activities.js";

type Json = Record<string, any>;

const nl = translator("nl");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams: coordinators manage employers and people", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  const coordinator = teamsUser("coordinator");

  /** What the bot answered last in the personal chat, as a card. */
  async function say(user: ReturnType<typeof teamsUser>, text: string): Promise<Json> {
    expect((await post(message(connector, user, text))).status).toBe(200);
    return cardOf(connector.sent().at(-1));
  }

  /** What Teams sends on submit: the button's data and every input's value, prefilled or typed. */
  const submitData = (card: Json, typed: Record<string, unknown>) => {
    const prefilled = Object.fromEntries(card.body.filter((e: Json) => e.type.startsWith("Input.") && e.value !== undefined).map((e: Json) => [e.id, e.value]));
    return { ...card.actions.find((a: Json) => a.type === "Action.Execute").data, ...prefilled, ...typed };
  };
  /** The data of a button in the card body, as Teams sends it back when pressed. */
  const buttonData = (card: Json, action: string) => {
    const buttons = card.body.flatMap((e: Json) => (e.type === "ActionSet" ? e.actions : []));
    const found = buttons.find((b: Json) => b.data?.action === action);
    if (!found) throw new Error(`no ${action} button in ${cardText(card)}`);
    return found.data as Json;
  };

  it("adds an employer through the card form: errors on the card first and nothing stored, then saved", async () => {
    const form = await say(coordinator, "werkgever nieuw");
    expect(cardText(form)).toContain(nl("members.employer.newTitle"));
    const inputs = form.body.filter((e: Json) => e.type.startsWith("Input.")).map((e: Json) => e.id);
    expect(inputs).toEqual(["in_name", "in_branche", "in_sizeBand", "in_location", "in_region", "in_offers", "in_offerDescription", "in_challenges", "in_inclusionMaturity", "in_ambition", "in_ambitionTargetDate"]);
    const good = { in_name: "Drukkerij Hof van Twente", in_branche: "Grafisch", in_sizeBand: "SMALL", in_location: "Goor", in_region: "Twente", in_offers: "kennis", in_inclusionMaturity: "2", in_ambition: "5" };
    const before = await snapshotAll(use());

    const refused = await post(cardAction(connector, coordinator, submitData(form, { ...good, in_name: "Zorggroep DINKEL", in_inclusionMaturity: "9" }), "sent-1"));

    expect(refused.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const text = cardText(refused.body.value);
    expect(text).toContain(nl("field.maturity"));
    expect(refused.body.value.body.find((e: Json) => e.id === "in_location").value).toBe("Goor");
    expect(await snapshotAll(use())).toEqual(before);

    const taken = await post(cardAction(connector, coordinator, submitData(form, { ...good, in_name: "Zorggroep DINKEL" }), "sent-1"));
    expect(cardText(taken.body.value)).toContain(nl("members.employer.nameTaken", { name: "Zorggroep DINKEL" }));
    expect(await snapshotAll(use())).toEqual(before);

    const saved = await post(cardAction(connector, coordinator, submitData(form, good), "sent-1"));
    expect(cardText(saved.body.value ?? cardOf(connector.sent().at(-1)))).toContain(nl("members.employer.created", { name: "Drukkerij Hof van Twente" }));
    expect(await use().prisma.employer.findFirstOrThrow({ where: { name: "Drukkerij Hof van Twente" } })).toMatchObject({ offers: ["KENNIS"], inclusionMaturity: 2 });
  });

  it("edits and renames an employer through the prefilled card", async () => {
    const form = await say(coordinator, "werkgever wijzig hengelo");
    const name = form.body.find((e: Json) => e.id === "in_name");
    expect(name.value).toBe("Hengelo Logistiek BV");

    await post(cardAction(connector, coordinator, submitData(form, { in_name: "Hengelo Logistiek", in_ambition: "45" }), "sent-1"));

    expect(await use().prisma.employer.findFirstOrThrow({ where: { name: "Hengelo Logistiek" } })).toMatchObject({ ambition: 45, branche: "Logistiek" });
    expect(await use().prisma.auditLog.count({ where: { action: "employer.update" } })).toBe(1);
  });

  it("archives an employer only after the confirmation button, and the card is replaced by the outcome", async () => {
    const asked = await say(coordinator, "werkgever archiveer metaalwerken");
    expect(cardText(asked)).toContain(nl("members.employer.archive.confirm", { name: "Metaalwerken Almelo" }));
    expect(cardText(asked)).toContain("verdwijnt uit de ledengids");
    expect(await use().prisma.employer.count({ where: { archivedAt: { not: null } } })).toBe(0);

    const pressed = await post(cardAction(connector, coordinator, buttonData(asked, "members.employer.archive.confirm"), "sent-confirm"));

    expect(pressed.status).toBe(200);
    expect(await use().prisma.employer.findFirstOrThrow({ where: { name: "Metaalwerken Almelo" } })).toMatchObject({ archivedAt: expect.any(Date) });
    const replaced = connector.sent().at(-1)!;
    expect(replaced).toMatchObject({ method: "PUT", activityId: "sent-confirm" });
    expect(cardText(cardOf(replaced))).toContain(nl("members.employer.archived", { name: "Metaalwerken Almelo" }));
    // Now out of the directory a member searches.
    const search = await say(teamsUser("bakeryHr"), "zoek metaal");
    expect(cardText(search)).not.toContain("Metaalwerken Almelo");
  });

  it("refuses a member the commands and a forged confirmation, and changes nothing", async () => {
    const member = teamsUser("bakeryHr");
    await say(member, "help");
    const metal = await use().prisma.employer.findFirstOrThrow({ where: { name: "Metaalwerken Almelo" } });
    const before = await snapshotAll(use());

    expect(cardText(await say(member, "werkgever archiveer metaalwerken"))).toBe(nl("chat.coordinatorOnly", { command: "werkgever" }));
    expect(cardText(await say(member, "persoon wijzig fleur"))).toBe(nl("chat.coordinatorOnly", { command: "persoon" }));
    const forged = await post(cardAction(connector, member, { verb: "netwerk.action", action: "members.employer.archive.confirm", value: metal.id }, "sent-9"));
    expect(forged.status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("error.notAllowed"));
    expect(await snapshotAll(use())).toEqual(before);
  });

  it("shows a person with their Teams link and edits them through the card", async () => {
    await say(teamsUser("careBuyer"), "help"); // links Fleur's Teams account through the roster
    const card = await say(coordinator, "persoon fleur");
    expect(cardText(card)).toContain(`Microsoft Teams — tenant ${tenantId} — gekoppeld sinds`);

    const form = await post(cardAction(connector, coordinator, buttonData(card, "members.person.edit"), "sent-2"));
    expect(form.status).toBe(200);
    const editCard = cardOf(connector.sent().at(-1));
    expect(editCard.body.find((e: Json) => e.id === "in_email").value).toBe("fleur.inkoop@zorggroep-dinkel.example");

    await post(cardAction(connector, coordinator, submitData(editCard, { in_jobTitle: "Senior inkoper", in_reportingContact: "false", in_locale: "en" }), "sent-3"));

    expect(await use().prisma.person.findFirstOrThrow({ where: { email: "fleur.inkoop@zorggroep-dinkel.example" } })).toMatchObject({ jobTitle: "Senior inkoper", reportingContact: false, locale: "en" });
  });
});
