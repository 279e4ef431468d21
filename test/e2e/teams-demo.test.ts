import { afterEach, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile, type RosterMember } from "../support/fake-bot-connector.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { cardOf, cardText, message, postActivity, teamsUser } from "../support/teams-activities.js";
import { startTestApp } from "../support/test-app.js";

// Demo mode (DEMO=on, no app id): /api/messages checks no token, for the Bot Framework Emulator.
const nl = translator("nl");

// What an attacker's own "Bot Connector" answers: a roster entry claiming the coordinator's
// address, with a user principal name in the same domain, as verifiedRosterEmail wants it.
const impostor: RosterMember = { id: "29:impostor", aadObjectId: "aad-impostor", name: "Sanne", email: demoEmails.coordinator, userPrincipalName: demoEmails.coordinator };
const connector = await fakeBotConnectorForFile({ members: [impostor] });

describeEachDatabase("Teams in demo mode", (use) => {
  let app: RunningApp;
  beforeEach(async () => {
    await seedDemo(use());
    app = await startTestApp(use(), { DEMO: "on" });
    connector.reset();
  });
  afterEach(() => app.close());

  it("lets the Bot Framework Emulator act as a demo person (user id = e-mail)", async () => {
    const emulator = {
      type: "message",
      id: "e1",
      channelId: "emulator",
      serviceUrl: connector.url,
      text: "rapportages",
      from: { id: teamsUser("bakeryHr").email, name: "Joost" },
      recipient: { id: "bot", name: "Bot" },
      conversation: { id: "emulator-conversation" },
    };
    expect((await postActivity(app.url, emulator)).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toContain("Bakkerij De Korenschoof");
    expect(await use().prisma.platformIdentity.count({ where: { tenantId: "emulator" } })).toBe(1);
  });

  it("links nobody by the roster of the serviceUrl an activity names: a made-up tenant does not make a coordinator", async () => {
    const response = await postActivity(app.url, message(connector, impostor, "status"));

    expect(response.status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("error.unknownPerson"));
    expect(connector.calls.filter((c) => c.method === "GET")).toEqual([]);
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });

  it("refuses an activity whose serviceUrl is not on this machine, before sending or storing anything", async () => {
    const before = await snapshotCounts(use());
    // 0.0.0.0 reaches this machine's listeners too, but is not a loopback address: it stands in
    // for any host an attacker would point the bot at (tests only send traffic to this machine).
    const elsewhere = connector.url.replace("127.0.0.1", "0.0.0.0");

    const response = await postActivity(app.url, { ...message(connector, impostor, "status"), serviceUrl: elsewhere });

    expect(response.status).toBe(403);
    expect(response.body).toContain("serviceUrl");
    expect(connector.calls).toEqual([]);
    expect(await snapshotCounts(use())).toEqual(before);
    expect(await use().prisma.teamsConversation.count()).toBe(0);
  });
});
