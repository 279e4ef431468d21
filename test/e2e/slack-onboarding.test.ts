import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { setConditionText } from "../../src/core/conditions/condition-text.js";
import { addPerson } from "../../src/core/members/add-person.js";
import { createEmployer } from "../../src/core/members/create-employer.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { translator } from "../../src/i18n/index.js";
import { actionFromId } from "../../src/platforms/slack/blocks.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { snapshotAll } from "../support/members-fixtures.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack } from "../support/slack-requests.js";

type Json = Record<string, any>;

const nl = translator("nl");
const NEW_USER = "UNEWRIK";
const newEmail = "rik@hofvantwente.example";
const conditionText = "Wij verklaren dat wij werk maken van inclusief werkgeverschap en elk kwartaal rapporteren.";

describeEachDatabase("Slack: the welcome, the directory listing and the membership condition", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use(), { [NEW_USER]: newEmail });
  });
  afterEach(async () => {
    await h.close();
  });

  /** The network asks an intentieverklaring; Rik of a new employer is put on file by the coordinator. */
  async function newPersonInConditionNetwork() {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    await db.prisma.network.update({ where: { id: networkId }, data: { membershipCondition: "INTENTIEVERKLARING" } });
    const sanne = await actor("coordinator");
    const text = await setConditionText(depsFor(db), sanne, { text: conditionText });
    if (!text.ok) throw new Error(text.error.key);
    await createEmployer(depsFor(db), sanne, { name: "Drukkerij Hof van Twente", branche: "Grafisch", sizeBand: "SMALL", location: "Goor", region: "Twente" });
    const rik = await addPerson(depsFor(db), sanne, { name: "Rik Hof", email: newEmail, employer: "Drukkerij Hof van Twente", reportingContact: "ja" });
    if (!rik.ok) throw new Error(rik.error.key);
    return { db, personId: rik.value.personId, textId: text.value.id };
  }

  // Rows queued by the app are due from the database's own clock, which is past the suite's fixed day.
  const deliver = () => new OutboxWorker({ db: use().prisma, now: () => new Date(), senders: [h.app.slack!.sender], ratePerSecond: { SLACK: 1_000 } }).drain();
  const dmsTo = (user: string) => h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === `D${user}`);
  const buttonsOf = (blocks: Json[]) =>
    blocks.flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : [])).map((e) => ({ action: actionFromId(e.action_id), actionId: e.action_id as string, value: e.value as string, label: e.text.text as string }));

  /** Presses a button of the bot's DM as Slack sends it; the answer arrives through response_url. */
  async function press(user: string, button: { actionId: string; value: string }, id: string) {
    const payload = blockActionPayload({ user, channel: `D${user}`, actionId: button.actionId, value: button.value, responseUrl: h.fake.responseUrl(id) });
    const res = await postSlack(h.app.url, interactiveBody(payload), FORM);
    expect(res.status).toBe(200);
    return vi.waitFor(() => {
      const answer = h.fake.responses().find((r) => r.method === `response/${id}`);
      if (!answer) throw new Error(`no answer to ${button.actionId}`);
      return answer.body as Json;
    });
  }

  it("welcomes a new person once on first contact, with the profile form, the listing choice and the condition to confirm; the buttons work", async () => {
    const { db, personId, textId } = await newPersonInConditionNetwork();
    await deliver();
    expect(dmsTo(NEW_USER)).toEqual([]); // no link yet: nowhere to welcome Rik

    await slashAndAnswer(h, NEW_USER, "help", "first");
    await slashAndAnswer(h, NEW_USER, "help", "second");
    await deliver();

    const [welcome, ...more] = dmsTo(NEW_USER);
    expect(more).toEqual([]);
    const text = readableText(welcome!.body);
    expect(text).toContain(nl("welcome.title", { name: "Rik Hof" }));
    expect(text).toContain(nl("welcome.report", { employer: "Drukkerij Hof van Twente" }));
    expect(text).toContain(nl("welcome.profile", { employer: "Drukkerij Hof van Twente" }));
    expect(text).toContain(conditionText);
    const buttons = buttonsOf(welcome!.body.blocks as Json[]);
    expect(buttons.map((b) => b.action)).toEqual(["report.open", "members.profile.edit", "directory.listing.set", "directory.listing.set", "directory.listing.set", "conditions.confirm"]);
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { directoryListing: true, directoryListingChosenAt: true } })).toEqual({ directoryListing: "NAME_FUNCTION_EMAIL", directoryListingChosenAt: null });

    const profile = buttons.find((b) => b.action === "members.profile.edit")!;
    await postSlack(h.app.url, interactiveBody(blockActionPayload({ user: NEW_USER, channel: `D${NEW_USER}`, actionId: profile.actionId, value: profile.value, responseUrl: h.fake.responseUrl("profile") })), FORM);
    await vi.waitFor(() => expect((h.fake.callsTo("views.open").at(-1)?.body.view as Json | undefined)?.callback_id).toBe("form:members.profile"));

    const hidden = buttons.find((b) => b.value === "HIDDEN")!;
    expect(readableText(await press(NEW_USER, hidden, "hide"))).toContain(nl("directory.listing.set", { listing: nl("directory.listing.HIDDEN") }));
    expect(await db.prisma.person.findUniqueOrThrow({ where: { id: personId }, select: { directoryListing: true } })).toEqual({ directoryListing: "HIDDEN" });

    const confirm = buttons.find((b) => b.action === "conditions.confirm")!;
    expect(confirm.label).toBe(nl("conditions.button.confirm", { employer: "Drukkerij Hof van Twente" }));
    expect(readableText(await press(NEW_USER, confirm, "confirm"))).toContain(nl("conditions.confirmed", { employer: "Drukkerij Hof van Twente", version: 1, condition: "intentieverklaring" }));
    expect(await db.prisma.membershipConfirmation.findMany({ select: { textId: true, confirmedById: true, employer: { select: { name: true } } } })).toEqual([
      { textId, confirmedById: personId, employer: { name: "Drukkerij Hof van Twente" } },
    ]);

    const overview = await slashAndAnswer(h, slackUser.coordinator, "werkgevers hof", "list");
    expect(readableText(overview.message!)).toContain(`${nl("conditions.state.label")}: ${nl("conditions.state.met", { date: "25 november 2026" })}`);
  });

  it("changes the listing with a command and shows it in the directory; a member cannot change the condition text and nothing changes", async () => {
    const { db } = await newPersonInConditionNetwork();
    await slashAndAnswer(h, slackUser.bakeryHr, "help", "link");
    const before = await snapshotAll(db);

    for (const [command, key] of [
      ["voorwaarde tekst Wij beloven niets.", "conditions.text.coordinatorOnly"],
      ["voorwaarde wijzig", "conditions.text.coordinatorOnly"],
    ] as const) {
      const answer = await slashAndAnswer(h, slackUser.bakeryHr, command, `refuse-${command.length}`);
      expect(readableText(answer.message!), command).toContain(nl(key));
    }
    const bad = await slashAndAnswer(h, slackUser.bakeryHr, "vermelding iedereen", "bad");
    expect(readableText(bad.message!)).toContain(nl("field.invalidListing"));
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(await snapshotAll(db)).toEqual(before);
    expect(await db.prisma.membershipConditionText.count()).toBe(1);

    const set = await slashAndAnswer(h, slackUser.bakeryHr, "vermelding naam-functie", "set");
    expect(readableText(set.message!)).toContain(nl("directory.listing.set", { listing: nl("directory.listing.NAME_FUNCTION") }));
    const found = await slashAndAnswer(h, slackUser.logisticsHr, "zoek Joost", "search");
    const directory = readableText(found.message!);
    expect(directory).toContain("Joost Bakker");
    expect(directory).not.toContain("joost.hr@bakkerij-korenschoof.example");
    expect(directory).toContain("els.directie@bakkerij-korenschoof.example");

    const condition = await slashAndAnswer(h, slackUser.bakeryHr, "voorwaarde", "view");
    expect(readableText(condition.message!)).toContain(conditionText);
    const confirmed = await slashAndAnswer(h, slackUser.bakeryHr, "voorwaarde bevestig", "confirm");
    expect(readableText(confirmed.message!)).toContain(nl("conditions.confirmed", { employer: "Bakkerij De Korenschoof", version: 1, condition: "intentieverklaring" }));
  });

  it("lets a coordinator set a new version in chat: a linked contact gets it as a DM and confirms it there, another employer's member sees it open", async () => {
    const { db } = await newPersonInConditionNetwork();
    await slashAndAnswer(h, slackUser.bakeryDirector, "help", "link-els");
    const saved = await slashAndAnswer(h, slackUser.coordinator, "voorwaarde tekst Versie twee: wij plaatsen vijf mensen per jaar.", "v2");
    expect(readableText(saved.message!)).toContain(nl("conditions.text.saved", { version: 2, condition: "intentieverklaring", asked: 8 }));
    expect(await db.prisma.membershipConditionText.findMany({ select: { version: true }, orderBy: { version: "asc" } })).toEqual([{ version: 1 }, { version: 2 }]);

    // Els, linked, gets the new version as a DM and confirms it there.
    await deliver();
    const [asked, ...again] = dmsTo(slackUser.bakeryDirector);
    expect(again).toEqual([]);
    expect(readableText(asked!.body)).toContain(nl("conditions.ask.newVersion", { network: "99vanDemo (Twente, fictief)", condition: "intentieverklaring", version: 2, employer: "Bakkerij De Korenschoof" }));
    const confirm = buttonsOf(asked!.body.blocks as Json[]).find((b) => b.action === "conditions.confirm")!;
    expect(readableText(await press(slackUser.bakeryDirector, confirm, "els-confirms"))).toContain(nl("conditions.confirmed", { employer: "Bakkerij De Korenschoof", version: 2, condition: "intentieverklaring" }));

    const view = await slashAndAnswer(h, slackUser.logisticsHr, "voorwaarde", "view");
    const text = readableText(view.message!);
    expect(text).toContain("Versie twee: wij plaatsen vijf mensen per jaar.");
    // Since the later of the text and the employer (the demo seed's employers are as new as the test run).
    expect(text).toContain(nl("conditions.view.open", { employer: "Hengelo Logistiek BV", date: "" }).replace(").", ""));
    expect(buttonsOf(view.message!.blocks as Json[]).map((b) => b.action)).toEqual(["conditions.confirm"]);
  });
});
