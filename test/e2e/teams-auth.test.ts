import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeBotConnector, type FakeBotConnector } from "../support/fake-bot-connector.js";
import { startFakeOpenId, type FakeOpenId } from "../support/fake-openid.js";
import { aadToken, channelClaims, standInForAzureAd, teamsAppEnv } from "../support/teams-channel-auth.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { cardOf, cardText, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { startTestApp } from "../support/test-app.js";

// The app as deployed with an app id: every request to /api/messages must carry a channel token
// that botbuilder verifies against the Bot Framework's published keys, here a local fake.
const nl = translator("nl");

let connector: FakeBotConnector;
let openId: FakeOpenId;
beforeAll(async () => {
  connector = await startFakeBotConnector({ members: teamsRoster() });
  openId = await startFakeOpenId();
  standInForAzureAd();
});
afterAll(async () => {
  await connector.close();
  await openId.close();
});

describeEachDatabase("Teams endpoint authentication", (use) => {
  let app: RunningApp;
  beforeEach(async () => {
    await seedDemo(use());
    app = await startTestApp(use(), teamsAppEnv(openId));
    connector.reset();
    return () => app.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => channelClaims(connector.url, overrides);
  const activity = () => message(connector, teamsUser("bakeryHr"), "rapporteer 3 ambitie 12");

  it("handles an activity with a token signed by the Bot Framework's published key, and replies with the app's credentials", async () => {
    const response = await postActivity(app.url, activity(), `Bearer ${openId.token(claims())}`);

    expect(response.status).toBe(200);
    expect(openId.keyFetches()).toBeGreaterThan(0);
    const reply = connector.sent().at(-1);
    expect(cardText(cardOf(reply))).toContain(nl("reporting.saved", { quarter: "Q4 2026", realised: 3, ambition: 12 }));
    expect(reply?.authorization).toBe(`Bearer ${aadToken}`);
    const report = await use().prisma.placementReport.findFirstOrThrow({ where: { period: { year: 2026, quarter: 4 }, employer: { name: "Bakkerij De Korenschoof" } }, include: { employer: true } });
    expect(report).toMatchObject({ realised: 3, employer: { ambition: 12 } });
  });

  it.each([
    ["no token", () => ""],
    ["an unsigned token (alg none)", () => "eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0."],
    ["another app's audience", () => openId.token(claims({ aud: "99999999-0000-0000-0000-000000000009" }))],
    ["a key nobody published, under the published key id", () => openId.token(claims(), { key: openId.strangerKey() })],
    ["a key nobody published, under its own key id", () => openId.token(claims(), { key: openId.strangerKey(), kid: "forged" })],
    ["an expired token", () => openId.token(claims({ nbf: now() - 7_200, exp: now() - 3_600 }))],
    ["another issuer", () => openId.token(claims({ iss: "https://sts.windows.net/attacker/" }))],
    ["a token for another service URL", () => openId.token(claims({ serviceurl: "https://smba.trafficmanager.net/elsewhere/" }))],
  ])("answers 401 to %s and changes nothing", async (_, token) => {
    const before = await snapshotCounts(use());

    const bearer = token();
    const response = await postActivity(app.url, activity(), bearer ? `Bearer ${bearer}` : undefined);

    expect(response.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
    expect(await use().prisma.teamsConversation.count()).toBe(0);
  });
});
