import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { seedDemo } from "../support/fixtures.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack, slashBody } from "../support/slack-requests.js";
import { cardAction, cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { startTestApp, teamsAppPerTest } from "../support/test-app.js";

// Issue 15.12: an instance works on at most MAX_REQUESTS_IN_FLIGHT chat requests; beyond that a
// request is answered "busy, try again" at once instead of queueing. Work is held in flight by
// the far side (the fake Slack or Bot Connector not answering yet), so the test needs no timing.
const busy = translator("nl")("chat.busy");
const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("back-pressure on Slack", (use) => {
  let slack: SlackHarness;
  beforeEach(async () => {
    await seedDemo(use());
    slack = await startSlackHarness(use(), {}, {}, undefined, { MAX_REQUESTS_IN_FLIGHT: "2" });
  });
  afterEach(() => slack.close());

  const command = (user: string, id: string) => postSlack(slack.app.url, slashBody({ user, text: "rapportages", responseUrl: slack.fake.responseUrl(id) }), FORM);

  it("answers commands, buttons and forms beyond the limit at once with 'druk', and serves again once there is room", async () => {
    // Two people's first command: their e-mail look-up (users.info) is held at the fake Slack.
    const release = slack.fake.hold("users.info");
    const first = command(slackUser.bakeryHr, "first");
    const second = command(slackUser.logisticsHr, "second");
    await expect.poll(() => slack.fake.callsTo("users.info (held)").length).toBe(2);

    const refused = await command(slackUser.careBuyer, "third");
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({ response_type: "ephemeral", text: busy });

    const pressed = await postSlack(slack.app.url, interactiveBody(blockActionPayload({ user: slackUser.careBuyer, actionId: "events.list#0", responseUrl: slack.fake.responseUrl("pressed") })), FORM);
    expect(pressed.status).toBe(200);
    await expect.poll(() => slack.fake.responses().find((c) => c.method === "response/pressed")?.body.text).toBe(busy);

    const view = { id: "V1", type: "modal", callback_id: "form:reporting.report", private_metadata: "{}", state: { values: { in_realised: { value: { type: "plain_text_input", value: "3" } } } }, hash: "h" };
    const submitted = await postSlack(slack.app.url, interactiveBody({ type: "view_submission", team: { id: "T0001" }, user: { id: slackUser.careBuyer, team_id: "T0001" }, api_app_id: "A0001", view }), FORM);
    expect(submitted.json).toEqual({ response_action: "errors", errors: { in_realised: busy } });
    // Nobody was looked up for the refused requests.
    expect(slack.fake.callsTo("users.info (held)")).toHaveLength(2);

    release();
    // The two held commands still get their answers: in the ack, or (acked empty) via response_url.
    for (const [answer, id, employer] of [[await first, "first", "Bakkerij De Korenschoof"], [await second, "second", "Hengelo Logistiek"]] as const) {
      const reply = answer.text
        ? answer.text
        : await vi.waitFor(() => JSON.stringify(slack.fake.responses().find((c) => c.method === `response/${id}`)?.body ?? expect.fail(`no answer to ${id} yet`)));
      expect(reply).toContain(employer);
      expect(reply).not.toContain(busy);
    }
    const again = await command(slackUser.careBuyer, "again");
    expect(JSON.stringify(again.json)).toContain("Zorggroep Dinkel");
  });
});

describeEachDatabase("back-pressure on Teams", (use) => {
  const app = teamsAppPerTest(use, () => connector, { MAX_REQUESTS_IN_FLIGHT: "1" });

  it("answers a message beyond the limit with a 'druk' reply and a card action in its invoke response", async () => {
    const release = connector.hold("roster");
    const first = postActivity(app.url, message(connector, teamsUser("bakeryHr"), "rapportages"));
    await expect.poll(() => connector.heldCount()).toBe(1);

    expect((await postActivity(app.url, message(connector, teamsUser("logisticsHr"), "rapportages"))).status).toBe(200);
    expect(connector.sent().at(-1)?.body).toMatchObject({ type: "message", text: busy });

    const invoke = await postActivity(app.url, cardAction(connector, teamsUser("logisticsHr"), { verb: "netwerk.action", action: "events.list", value: "" }, "card-1"));
    expect(invoke.status).toBe(200);
    expect(invoke.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: busy });

    release();
    expect((await first).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain("Bakkerij De Korenschoof");
  });

  it("sends a turn held past teams-ai's one-second typing timer only its answer, no stray 'typing' activity", async () => {
    const from = connector.calls.length;
    const release = connector.hold("roster");
    const turn = postActivity(app.url, message(connector, teamsUser("bakeryHr"), "rapportages"));
    await expect.poll(() => connector.heldCount()).toBe(1);
    // The timer under test is teams-ai's own (1 s, not injectable): outwait it for real.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    release();
    expect((await turn).status).toBe(200);

    const sent = connector.sent().filter((call) => connector.calls.indexOf(call) >= from);
    expect(sent.map((call) => (call.body as { type?: string }).type)).toEqual(["message"]);
  });
});

describeEachDatabase("back-pressure shared by the platforms of one instance (demo mode)", (use) => {
  let app: RunningApp;
  beforeEach(async () => {
    await seedDemo(use());
    app = await startTestApp(use(), { DEMO: "on", MAX_REQUESTS_IN_FLIGHT: "1" });
    connector.reset();
  });
  afterEach(() => app.close());

  it("answers the playground 503 'druk' while the one request it has room for is a Teams turn", async () => {
    const release = connector.hold("send");
    const emulator = { type: "message", id: "e1", channelId: "emulator", serviceUrl: connector.url, text: "help", from: { id: teamsUser("bakeryHr").email }, recipient: { id: "bot" }, conversation: { id: "emulator-conversation" } };
    const turn = postActivity(app.url, emulator);
    await expect.poll(() => connector.heldCount()).toBe(1);

    const person = await use().prisma.person.findFirstOrThrow({ where: { name: "Sanne Coördinator" }, select: { id: true } });
    const refused = await fetch(`${app.url}/playground/text`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: person.id, text: "status" }) });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: busy });

    release();
    expect((await turn).status).toBe(200);
    const served = await fetch(`${app.url}/playground/text`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personId: person.id, text: "status" }) });
    expect(served.status).toBe(200);
  });
});
