import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { readableText, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack } from "../support/slack-requests.js";
import { askTeams } from "../support/teams-answers.js";
import { cardAction, cardOf, message, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

type Json = Record<string, any>;
const nl = translator("nl");
const en = translator("en");
const title = "Praktijktafel met de wethouder Werk en Inkomen";

describeEachDatabase("safety nets through Slack: ask first, then act", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
    await seedDemo(use());
  });
  afterEach(async () => {
    await h.close();
  });
  let n = 0;
  const ask = async (user: string, text: string) => (await slashAndAnswer(h, user, text, `r${n++}`)).message ?? {};
  const say = async (user: string, text: string) => readableText(await ask(user, text)).replace(/&lt;/g, "<").replace(/&gt;/g, ">");

  /** Presses the danger button of a private confirmation; the answer replaces it through response_url. */
  async function confirm(answer: Json): Promise<string> {
    const button = (answer.blocks as Json[]).flatMap((b) => (b.type === "actions" ? (b.elements as Json[]) : [])).find((e) => e.style === "danger")!;
    const id = `confirm${n++}`;
    const payload = blockActionPayload({ user: slackUser.coordinator, actionId: button.action_id, value: button.value, responseUrl: h.fake.responseUrl(id) });
    (payload.container as Json).is_ephemeral = true;
    expect((await postSlack(h.app.url, interactiveBody(payload), FORM)).status).toBe(200);
    const done = await vi.waitFor(() => h.fake.responses().find((r) => r.method === `response/${id}`) ?? Promise.reject(new Error("no answer")), { timeout: 10_000 });
    return readableText(done.body as Json);
  }

  it("takes someone off the list only after the coordinator confirms, and tells them", async () => {
    await say(slackUser.bakeryHr, "rsvp 1 ja");
    const asked = await ask(slackUser.coordinator, "deelnemers 1 verwijder joost");
    expect(readableText(asked)).toContain(nl("events.attendee.confirmTitle", { name: "Joost Bakker", number: 1 }));
    expect(await use().prisma.rsvp.findFirstOrThrow({ where: { person: { name: "Joost Bakker" } } })).toMatchObject({ response: "YES" });
    expect(await confirm(asked)).toContain(nl("events.attendee.removedTold", { name: "Joost Bakker", number: 1 }));
    expect(await use().prisma.rsvp.findFirstOrThrow({ where: { person: { name: "Joost Bakker" } } })).toMatchObject({ response: "NO" });
    const joost = await use().prisma.person.findFirstOrThrow({ where: { name: "Joost Bakker" } });
    expect(await use().prisma.outboxMessage.count({ where: { kind: "event.removed", personId: joost.id } })).toBe(1);
  });

  it("lowers the capacity below the number attending only after confirming, moving the last one to the waiting list", async () => {
    await say(slackUser.bakeryHr, "rsvp 1 ja");
    await say(slackUser.logisticsHr, "rsvp 1 ja");
    const asked = await ask(slackUser.coordinator, "evenement plekken 1 1");
    expect(readableText(asked)).toContain(nl("events.capacity.confirmText", { attending: 2, capacity: 1, excess: 1, names: "Mo Yilmaz" }));
    expect(await confirm(asked)).toContain(nl("events.capacity.moved", { moved: 1 }));
    const waiting = await say(slackUser.coordinator, "deelnemers 1");
    expect(waiting).toContain(`${nl("events.attendees.waitlist", { count: 1 })}\n1. Mo Yilmaz (Hengelo Logistiek BV)`);
    expect(await say(slackUser.coordinator, "deelnemers 1 plek yilmaz")).toContain(nl("events.waitlist.overCapacity", { attending: 2, capacity: 1 }));
  });

  it("shows the reminder state and the campaign's next moments", async () => {
    const remind = await say(slackUser.coordinator, "herinner");
    expect(remind).toContain(nl("campaigns.state.running"));
    expect(remind).toMatch(/Nu versturen gaat naar (niemand|\d+ contactpersonen?)\./);
    const campaign = await say(slackUser.coordinator, "campagne");
    expect(campaign).toContain(nl("campaigns.state.next"));
    expect(campaign).toMatch(/• \d{2}-\d{2}-\d{4} \d{2}:\d{2} — /);
    expect(await say(slackUser.bakeryHr, "campagne")).toContain(nl("chat.coordinatorOnly", { command: "campagne" }));
  });
});

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("safety nets through Teams: ask first, then act", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const say = async (user: string, text: string, locale?: string) => askTeams(app.url, connector, message(connector, teamsUser(user as never), text, { kind: "personal" }, locale));

  it("cancels an event only after the coordinator confirms on the card, saying how many are told", async () => {
    await seedDemo(use());
    await say("bakeryHr", "rsvp 1 ja");
    const asked = await say("coordinator", "evenement annuleer 1");
    expect(asked.texts.join("\n")).toContain(nl("events.cancel.confirmText", { count: 1 }));
    expect(await use().prisma.event.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({ status: "SCHEDULED" });
    const card = cardOf(asked.sent.at(-1)!);
    const actions = JSON.stringify(card).match(/"title":"[^"]*"/g);
    expect(actions).toContain(`"title":"${nl("events.confirm.keep")}"`);
    const yes = (card.body as Json[]).flatMap((e) => e.actions ?? []).concat(card.actions ?? []).find((a: Json) => a.title === nl("events.cancel.button"));
    const done = await askTeams(app.url, connector, cardAction(connector, teamsUser("coordinator"), yes.data, asked.sent.at(-1)!.body.id ?? "confirm-card"));
    expect(done.texts.join("\n")).toContain(nl("events.cancelled", { number: 1, title, count: 1 }));
    expect(await use().prisma.event.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({ status: "CANCELLED" });
    expect(await use().prisma.outboxMessage.count({ where: { kind: "event.cancelled" } })).toBe(1);
  });

  it("shows the campaign state and reorders the waiting list, in Dutch and in English", async () => {
    const db = use();
    await seedDemo(db);
    expect((await say("coordinator", "herinner")).texts.join("\n")).toContain(nl("campaigns.state.running"));
    expect((await say("coordinator", "campagne")).texts.join("\n")).toMatch(/• \d{2}-\d{2}-\d{4} \d{2}:\d{2} — /);
    await say("coordinator", "evenement plekken 1 1");
    for (const user of ["bakeryHr", "englishSpeaker", "logisticsHr"]) await say(user, "rsvp 1 ja");
    expect((await say("coordinator", "deelnemers 1 omhoog yilmaz")).texts.join("\n")).toContain(nl("events.waitlist.moved", { name: "Mo Yilmaz", number: 1, position: 1 }));
    const english = await say("englishSpeaker", "events past", "en-GB");
    expect(english.texts.join("\n")).toContain(en("events.coordinatorOnly"));
  });
});
