import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { createHttpApp } from "../../src/http/server.js";
import { createLogger } from "../../src/logger.js";
import { mountSlack, type MountedSlack } from "../../src/platforms/slack/mount.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { FORM, postSlack, SIGNING_SECRET, slashBody } from "../support/slack-requests.js";

// A slow answer must not miss Slack's 3 s ack: past the budget the command is acked empty and
// the answer follows through response_url. A zero budget sends every command down that path.
describeEachDatabase("Slack slow answers: acked in time, answered through response_url", (use) => {
  let fake: FakeSlackApi;
  let slack: MountedSlack;
  let server: Server;
  let url: string;
  beforeEach(async () => {
    fake = await startFakeSlackApi({ users: { UJOOST: demoEmails.bakeryHr } });
    const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: fake.url });
    const http = createHttpApp(use());
    slack = await mountSlack({ config, http, deps: depsFor(use()), logger: createLogger("silent", false), ackBudgetMs: 0 });
    server = await new Promise<Server>((resolve) => {
      const s = http.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await slack.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await fake.close();
  });

  it("acks at once and delivers the stored report's confirmation privately afterwards", async () => {
    const db = use();
    const { actor } = await seedDemo(db);

    const res = await postSlack(url, slashBody({ user: "UJOOST", text: "rapporteer 2 ambitie 12", responseUrl: fake.responseUrl("slow") }), FORM);

    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    // The answer follows the ack: on a loaded machine that takes longer than waitFor's 1 s default.
    await vi.waitFor(() => expect(fake.responses()).toHaveLength(1), { timeout: 20_000 });
    const answer = fake.responses()[0]!;
    expect(answer.method).toBe("response/slow");
    expect(answer.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(JSON.stringify(answer.body.blocks)).toContain("Q4 2026");
    const joost = await actor("bakeryHr");
    expect(await db.prisma.placementReport.count({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } })).toBe(1);
  });
});
