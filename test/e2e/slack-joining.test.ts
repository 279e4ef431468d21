import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, eventBody, FORM, interactiveBody, JSON_TYPE, postSlack, slashBody } from "../support/slack-requests.js";

type Json = Record<string, any>;
const nl = translator("nl");

describeEachDatabase("Slack: a workspace bound to no network", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    await seedDemo(use());
    // The demo network no longer serves the test workspace (as after `npm run admin -- unbind`).
    await use().prisma.workspaceBinding.deleteMany({ where: { platform: "SLACK" } });
    h = await startSlackHarness(use());
  });
  afterEach(() => h.close());

  const slash = (user: string, text: string) => postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);

  it("answers a member of the network and a stranger alike with the explanation, and looks up or changes nothing", async () => {
    const before = await snapshotCounts(use());

    for (const [user, text] of [[slackUser.bakeryHr, "rapporteer 3 ambitie 12"], [slackUser.coordinator, "status"], ["USTRANGER", "aanmelden"]] as const) {
      const res = await slash(user, text);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      expect(JSON.stringify((res.json as Json).blocks)).toContain(nl("joining.unbound"));
      expect(JSON.stringify(res.json)).not.toMatch(/Korenschoof|Q4 2026|Aanmelden/);
    }

    expect(h.fake.callsTo("users.info")).toHaveLength(0);
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(await snapshotCounts(use())).toEqual(before);
  });

  it("gives the explanation for a button pressed on an old message, and on the Home tab", async () => {
    const res = await postSlack(h.app.url, interactiveBody(blockActionPayload({ user: slackUser.bakeryHr, actionId: "report.open#0", value: "", responseUrl: h.fake.responseUrl("old") })), FORM);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.responses().at(-1)?.body)).toContain(nl("joining.unbound")));

    const home = await postSlack(h.app.url, eventBody({ type: "app_home_opened", user: slackUser.bakeryHr, channel: "D0HOME", tab: "home" }), JSON_TYPE);
    expect(home.status).toBe(200);
    await vi.waitFor(() => expect(JSON.stringify(h.fake.callsTo("views.publish").at(-1)?.body)).toContain(nl("joining.unbound")));
    expect(JSON.stringify(h.fake.callsTo("views.publish").at(-1)?.body)).not.toContain("Korenschoof");
    expect(await use().prisma.platformIdentity.count()).toBe(0);
  });
});
