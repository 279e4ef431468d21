import { expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { snapshotCounts } from "../support/fixtures.js";
import { cardAction, cardOf, cardText, installed, message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { teamsAppPerTest } from "../support/test-app.js";

const nl = translator("nl");
const en = translator("en");

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams: a tenant bound to no network", (use) => {
  const app = teamsAppPerTest(use, () => connector);
  const post = (activity: unknown) => postActivity(app.url, activity);
  // The demo network no longer serves the test tenant (as after `npm run admin -- unbind`).
  const unbind = () => use().prisma.workspaceBinding.deleteMany({ where: { platform: "TEAMS" } });

  it("answers a member and a stranger alike with the explanation, in their language, and looks up or changes nothing", async () => {
    await unbind();
    const before = await snapshotCounts(use());

    expect((await post(message(connector, teamsUser("bakeryHr"), "rapporteer 3 ambitie 12"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("joining.unbound"));
    expect((await post(message(connector, teamsUser("stranger"), "aanmelden", { kind: "personal" }, "en-GB"))).status).toBe(200);
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(en("joining.unbound"));

    expect(connector.calls.filter((c) => c.method === "GET" && c.path.includes("/members/"))).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("gives the explanation for a card button, and when the app is added to a personal chat", async () => {
    await unbind();
    const pressed = await post(cardAction(connector, teamsUser("coordinator"), { verb: "netwerk.action", action: "report.open", value: "" }, "old-card"));
    expect(pressed.status).toBe(200);
    expect(JSON.stringify(pressed.body)).toContain(nl("joining.unbound"));

    await post(installed(connector, teamsUser("coordinator"), { kind: "personal" }));
    expect(cardText(cardOf(connector.sent().at(-1)))).toBe(nl("joining.unbound"));
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });
});
