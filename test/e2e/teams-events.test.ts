import { teamsAppPerTest } from "../support/test-app.js";
import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, installed, message, postActivity, teamsRoster, teamsUser, channel, channelThread } from "../support/teams-activities.js";

const nl = translator("nl");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams events: announce, RSVP in place", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const coordinator = teamsUser("coordinator");

  async function openEventForm() {
    await post(message(connector, coordinator, "event nieuw", channel));
    const call = connector.sent().at(-1)!;
    expect(call.conversationId).toBe(channelThread);
    return cardOf(call);
  }

  function submit(card: any, inputs: Record<string, unknown>) {
    return { ...card.actions[0].data, ...inputs };
  }

  const goodEvent = {
    in_kind: "PRAKTIJKTAFEL",
    in_title: "**Gratis** [lunch](http://evil.example)",
    in_location: "Enschede",
    in_startsAt_date: "2026-12-15",
    in_startsAt_time: "15:00",
    in_endsAt_date: "2026-12-15",
    in_endsAt_time: "17:00",
    in_capacity: "1",
    in_subgroupId: "network",
  };

  it("opens the event form with date and time inputs, shows errors on the card and stores nothing", async () => {
    const card = await openEventForm();
    const types = card.body.filter((e: any) => e.type.startsWith("Input.")).map((e: any) => `${e.type}:${e.id}`);
    expect(types).toEqual(expect.arrayContaining(["Input.ChoiceSet:in_kind", "Input.Text:in_title", "Input.Date:in_startsAt_date", "Input.Time:in_startsAt_time", "Input.Number:in_capacity"]));
    const before = await snapshotCounts(use());

    const response = await post(cardAction(connector, coordinator, submit(card, { ...goodEvent, in_endsAt_time: "14:00" }), "sent-1", channel));

    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const body = response.body.value.body;
    const endIndex = body.findIndex((e: any) => e.id === "in_endsAt_time");
    expect(cardText(body.slice(endIndex, endIndex + 3))).toContain(nl("field.events.endBeforeStart"));
    expect(body.find((e: any) => e.id === "in_title").value).toBe(goodEvent.in_title);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("announces a new event in the channel, stores the announcement, and refreshes the card in place on RSVP", async () => {
    const card = await openEventForm();
    const created = await post(cardAction(connector, coordinator, submit(card, goodEvent), "sent-1", channel));
    expect(cardText(created.body.value)).toContain("is aangemaakt en aangekondigd");

    const announcement = connector.sent().find((c) => c.method === "POST" && cardText(cardOf(c)).includes(nl("events.button.yes")))!;
    expect(announcement.conversationId).toBe(channelThread);
    // The title is shown literally: no bold text, no link.
    expect(JSON.stringify(cardOf(announcement))).toContain('"text":"**Gratis** [lunch](http://evil.example)');
    const event = await use().prisma.event.findFirstOrThrow({ where: { title: goodEvent.in_title } });
    expect(event.startsAt.toISOString()).toBe("2026-12-15T14:00:00.000Z");
    const stored = await use().prisma.eventAnnouncement.findFirstOrThrow({ where: { eventId: event.id } });
    expect(stored).toMatchObject({ platform: "TEAMS", channelId: channelThread, platformMessageId: announcement.body.id ?? expect.any(String) });

    const yes = cardOf(announcement).body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.title === nl("events.button.yes"));
    const messageId = stored.platformMessageId;
    const joost = teamsUser("bakeryHr");
    connector.calls.length = 0;
    const rsvp = await post(cardAction(connector, joost, yes.data, messageId, channel));

    expect(rsvp.body.type).toBe("application/vnd.microsoft.card.adaptive");
    const update = connector.sent().find((c) => c.method === "PUT")!;
    expect(update).toMatchObject({ conversationId: channelThread, activityId: messageId });
    expect(cardText(cardOf(update))).toContain("1");
    expect(await use().prisma.rsvp.count({ where: { eventId: event.id, response: "YES" } })).toBe(1);

    // The second yes for the single place goes on the waiting list, told privately in their own chat.
    const mo = teamsUser("logisticsHr");
    await post(installed(connector, mo, { kind: "personal" }));
    connector.calls.length = 0;
    await post(cardAction(connector, mo, yes.data, messageId, channel));
    const privateReply = connector.sent().find((c) => c.conversationId === "a:personal-aad-logisticsHr")!;
    expect(cardText(cardOf(privateReply))).toContain("wachtlijst");
  });

  it("keeps event creation for coordinators", async () => {
    await post(message(connector, teamsUser("bakeryHr"), "help", channel));
    const before = await snapshotCounts(use());
    await post(message(connector, teamsUser("bakeryHr"), "event nieuw", channel));
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("chat.coordinatorOnly", { command: "evenement" }));
    expect(await snapshotCounts(use())).toEqual(before);
  });
});
