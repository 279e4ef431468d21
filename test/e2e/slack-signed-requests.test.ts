import { afterEach, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { RECEIPT_WINDOW_MS, signedRequestReceipts } from "../../src/platforms/slack/request-receipts.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { FORM, interactiveBody, postSlack, SIGNING_SECRET, slashBody } from "../support/slack-requests.js";
import { startTestApp } from "../support/test-app.js";

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Issue 15.4: the signed-request edge. A signature proves who sent a request, not that it is new. */
describeEachDatabase("Slack signed requests: timestamp window and replays", (use) => {
  let h: SlackHarness;
  let second: RunningApp | undefined;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await second?.close();
    second = undefined;
    await h.close();
  });

  const reportCommand = (text = "rapporteer 3 ambitie 10") => slashBody({ user: slackUser.bakeryHr, text, responseUrl: h.fake.responseUrl("r") });

  it("refuses a signed request whose timestamp is more than 5 minutes in the future or the past, and changes nothing", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);

    const answers = [];
    for (const offset of [3600, 6 * 60, -6 * 60]) {
      answers.push((await postSlack(h.app.url, reportCommand(), FORM, { timestamp: nowSeconds() + offset })).status);
    }

    expect(answers).toEqual([401, 401, 401]);
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.receipts.count()).toBe(0);
    expect(h.fake.callsTo("users.info")).toHaveLength(0);

    // A clock a few minutes ahead of ours is still inside Slack's window.
    const ahead = await postSlack(h.app.url, reportCommand(), FORM, { timestamp: nowSeconds() + 4 * 60 });
    expect(ahead.status).toBe(200);
    expect(JSON.stringify(ahead.json)).toContain("Q4 2026");
  });

  it("processes the same signed /netwerk rapporteer once, even when it reaches another instance: one report revision", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    second = await startTestApp(db, { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: h.fake.url });
    const revisionsOf = () => db.prisma.placementReportRevision.findMany({ where: { report: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } } }, select: { version: true, realised: true } });
    expect(await revisionsOf()).toEqual([]);
    const body = reportCommand("rapporteer 3 ambitie 10 opmerking zomerbanen");
    const timestamp = nowSeconds();

    const first = await postSlack(h.app.url, body, FORM, { timestamp });
    const replayed = await postSlack(h.app.url, body, FORM, { timestamp });
    const elsewhere = await postSlack(second.url, body, FORM, { timestamp });

    expect(first.status).toBe(200);
    expect(JSON.stringify(first.json)).toContain("Q4 2026");
    // The replay is acknowledged (so nobody retries it) and dropped: no second answer.
    expect([replayed.status, replayed.text, elsewhere.status, elsewhere.text]).toEqual([200, "", 200, ""]);
    expect(await revisionsOf()).toEqual([{ version: 1, realised: 3 }]);
    expect(await db.receipts.count()).toBe(1);

    // The same command typed again is a new signed request: a correction, as before.
    const again = await postSlack(h.app.url, reportCommand("rapporteer 4"), FORM, { timestamp: timestamp + 1 });
    expect(again.status).toBe(200);
    expect((await revisionsOf()).map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it("prunes receipts whose timestamp has left the window, and keeps the others", async () => {
    const db = use();
    const now = Date.now();
    const old = new Date(now - RECEIPT_WINDOW_MS - 2 * 60_000);
    const recent = new Date((nowSeconds() - 60) * 1000);
    expect(await db.receipts.take("v0=old", old, old)).toBe(true);
    expect(await db.receipts.take("v0=recent", recent, recent)).toBe(true);

    const isFirst = signedRequestReceipts(db.receipts);
    expect(await isFirst("v0=new", nowSeconds(), now)).toBe(true);
    expect(await isFirst("v0=recent", Math.floor(recent.getTime() / 1000), now)).toBe(false);

    expect(await db.receipts.count()).toBe(2);
    // The old receipt is gone: the same signature and timestamp would be taken again.
    expect(await db.receipts.take("v0=old", old, old)).toBe(true);
  });

  it("keeps receipts where every instance on the database sees them: the table on PostgreSQL, the open database's memory on PGlite (one process per data dir)", async () => {
    const db = use();
    const at = new Date((nowSeconds() - 10) * 1000);
    expect(await db.receipts.take("v0=shared", at, at)).toBe(true);
    expect(await db.receipts.take("v0=shared", at, at)).toBe(false);
    const rows = await db.prisma.slackRequestReceipt.findMany({ select: { signature: true, requestTimestamp: true } });
    expect(rows).toEqual(db.kind === "postgres" ? [{ signature: "v0=shared", requestTimestamp: at }] : []);
  });

  it("answers a view_submission without a view with 400, not 500, and changes nothing", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    const payload = { type: "view_submission", team: { id: "T0001", domain: "demo" }, user: { id: slackUser.bakeryHr, team_id: "T0001" }, api_app_id: "A0001" };

    const res = await postSlack(h.app.url, interactiveBody(payload), FORM);

    expect(res.status).toBe(400);
    expect(await snapshotCounts(db)).toEqual(before);
  });
});
