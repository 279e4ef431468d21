import { translator } from "../../src/i18n/index.js";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { reportsSpreadsheet } from "../../src/core/reporting/export-reports.js";
import { readableText } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import {
  blockActionPayload,
  eventBody,
  FORM,
  interactiveBody,
  JSON_TYPE,
  postSlack,
  slashBody,
  viewSubmissionPayload,
} from "../support/slack-requests.js";

type Json = Record<string, any>;

const nl = translator("nl");

describeEachDatabase("Slack end to end", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  const slash = (user: string, text: string) =>
    postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);
  const blocksText = (blocks: unknown) => JSON.stringify(blocks);

  it("answers /netwerk help in the ack, only to the sender, and links the Slack user by e-mail", async () => {
    const db = use();
    await seedDemo(db);

    const res = await slash(slackUser.bakeryHr, "help");

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(blocksText((res.json as Json).blocks)).toContain("Wat ik voor je kan doen");
    expect(blocksText((res.json as Json).blocks)).not.toContain("Voor coördinatoren");
    const link = await db.prisma.platformIdentity.findFirstOrThrow({ where: { externalUserId: slackUser.bakeryHr } });
    expect(link).toMatchObject({ platform: "SLACK", tenantId: "T0001" });
    expect(h.fake.callsTo("users.info")).toHaveLength(1);

    await slash(slackUser.bakeryHr, "help");
    expect(h.fake.callsTo("users.info")).toHaveLength(1);
  });

  it("stores a one-line report and confirms it privately", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const res = await slash(slackUser.bakeryHr, "rapporteer 3 ambitie 10");

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(blocksText((res.json as Json).blocks)).toMatch(/Q4 2026/);
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, include: { employer: true } });
    expect(report).toMatchObject({ realised: 3, employer: { ambition: 10 }, submittedVia: "SLACK", submittedById: joost.personId });
  });

  it("refuses a member's report for a quarter long past (/netwerk rapporteer q1 2001 7) with the Dutch reason, and stores nothing (issue 15.6)", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);

    const res = await slash(slackUser.bakeryHr, "rapporteer q1 2001 7");

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(readableText(res.json as Json)).toContain(nl("reporting.periodTooOld", { quarter: "Q1 2001", current: "Q4 2026" }));
    const after = await snapshotCounts(db);
    expect({ ...after, identities: before.identities }).toEqual(before); // only the first-use link is new
    expect(await db.prisma.reportingPeriod.count({ where: { year: 2001 } })).toBe(0);
  });

  it("opens the report modal, keeps it open with field errors, then saves a valid submission", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");

    const res = await slash(slackUser.bakeryHr, "rapporteer");
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const opened = h.fake.callsTo("views.open")[0]!.body;
    const view = opened.view as Json;
    expect(opened.trigger_id).toMatch(/^trigger\./);
    expect(view).toMatchObject({ type: "modal", callback_id: "form:report" });
    expect(view.blocks.map((b: Json) => [b.block_id, b.element.type])).toEqual([
      ["realised", "number_input"],
      ["ambition", "number_input"],
      ["remark", "plain_text_input"],
    ]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);

    const before = await snapshotCounts(db);
    const invalid = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, { realised: "-4", ambition: "tien" })), FORM);
    expect(invalid.status).toBe(200);
    expect(invalid.json).toMatchObject({ response_action: "errors", errors: { realised: expect.any(String) } });
    expect(await snapshotCounts(db)).toEqual(before);

    const valid = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, { realised: "5", ambition: "12", remark: "Twee <!channel> zomerbanen" })), FORM);
    expect(valid.status).toBe(200);
    expect(valid.text).toBe("");
    const report = await db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, include: { employer: true } });
    expect(report).toMatchObject({ realised: 5, employer: { ambition: 12 }, remark: "Twee <!channel> zomerbanen" });
    await vi.waitFor(() => expect(h.fake.callsTo("chat.postEphemeral")).toHaveLength(1));
    expect(h.fake.callsTo("chat.postEphemeral")[0]!.body).toMatchObject({ channel: "C0GENERAL", user: slackUser.bakeryHr });
  });

  it("refuses a modal submission that smuggles in another employer, and stores nothing", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const mo = await actor("logisticsHr");
    await slash(slackUser.bakeryHr, "rapporteer");
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    const hostile = { ...view, blocks: [...view.blocks, { block_id: "employerId", element: { type: "plain_text_input" } }] };
    const before = await snapshotCounts(db);

    const res = await postSlack(
      h.app.url,
      interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, hostile, { realised: "3", ambition: "10", employerId: mo.employerId })),
      FORM,
    );

    // The modal stays open and says why: only for your own organisation.
    expect(res.json).toMatchObject({ response_action: "errors" });
    expect(Object.values((res.json as Json).errors as Record<string, string>).join(" ")).toContain(nl("reporting.otherEmployer"));
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.placementReport.count({ where: { employerId: mo.employerId!, period: { year: 2026, quarter: 4 } } })).toBe(0);
  });

  it("keeps event creation for coordinators: a member gets a refusal instead of the modal", async () => {
    const db = use();
    await seedDemo(db);
    await slash(slackUser.bakeryHr, "help");
    const before = await snapshotCounts(db);

    const res = await slash(slackUser.bakeryHr, "event nieuw");

    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(readableText({ blocks: (res.json as Json).blocks })).toContain(nl("chat.coordinatorOnly", { command: "evenement" }));
    await h.app.slack!.stop();
    expect(h.fake.callsTo("views.open")).toHaveLength(0);
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("refuses a forged event form submitted by a member, keeps the modal open with the reason, and stores nothing", async () => {
    const db = use();
    await seedDemo(db);
    await slash(slackUser.bakeryHr, "help");
    // The coordinator's real event modal, replayed by a member.
    await slash(slackUser.coordinator, "event nieuw");
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    expect(view.callback_id).toBe("form:event");
    const startsAt = Math.floor(new Date("2026-12-10T13:00:00Z").getTime() / 1000);
    const values = { kind: "PRAKTIJKTAFEL", title: "Vals evenement", startsAt, endsAt: startsAt + 3600, location: "Stadhuis", capacity: "5", subgroupId: "network" };
    const before = await snapshotCounts(db);
    const callsBefore = h.fake.calls.length;

    const res = await postSlack(h.app.url, interactiveBody(viewSubmissionPayload(slackUser.bakeryHr, view, values)), FORM);

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: "errors" });
    expect(Object.values((res.json as Json).errors as Record<string, string>).join(" ")).toContain(nl("events.coordinatorOnly"));
    await h.app.slack!.stop();
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.event.count({ where: { title: "Vals evenement" } })).toBe(0);
    expect(h.fake.calls.slice(callsBefore).map((c) => c.method)).toEqual([]);
  });

  it("keeps coordinator commands from members", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);

    for (const command of ["status", "export"]) {
      const res = await slash(slackUser.bakeryHr, command);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      expect(blocksText((res.json as Json).blocks)).toContain("alleen voor netwerkcoördinatoren");
    }
    expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(0);
    expect((await snapshotCounts(db)).reports).toBe(before.reports);
  });

  it("refuses the remark 'geplaatst: Jan de Vries (autisme, Wajong-uitkering…)' with the Dutch reason; a coordinator purges a remark, a member may not (issue 15.7)", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const joost = await actor("bakeryHr");
    const before = await snapshotCounts(db);

    const refused = await slash(slackUser.bakeryHr, "rapporteer 6 opmerking geplaatst: Jan de Vries (autisme, Wajong-uitkering…)");
    expect(readableText(refused.json as Json)).toContain(nl("reporting.remark.name"));
    expect((await snapshotCounts(db)).revisions).toBe(before.revisions);

    await slash(slackUser.bakeryHr, "rapporteer 6 ambitie 12 opmerking zomerbanen, via collega Piet");
    const member = await slash(slackUser.bakeryHr, "opmerking wis korenschoof");
    expect(blocksText((member.json as Json).blocks)).toContain("alleen voor netwerkcoördinatoren");
    const report = () => db.prisma.placementReport.findFirstOrThrow({ where: { employerId: joost.employerId!, period: { year: 2026, quarter: 4 } }, select: { remark: true } });
    expect((await report()).remark).toBe("zomerbanen, via collega Piet");

    const purged = await slash(slackUser.coordinator, "opmerking wis korenschoof");
    expect(readableText(purged.json as Json)).toContain(nl("reporting.remarkPurge.done", { employer: "Bakkerij De Korenschoof", quarter: "Q4 2026", versions: 1 }));
    expect((await report()).remark).toBeNull();
    expect(await db.prisma.auditLog.count({ where: { action: "report.remarkPurge" } })).toBe(1);
  });

  it("sends the coordinator's export as a file in their DM, not in the channel", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    await slash(slackUser.bakeryHr, "rapporteer 3 ambitie 10");
    await actor("coordinator");

    const res = await slash(slackUser.coordinator, "export");

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(blocksText((res.json as Json).blocks)).toMatch(/Hier is de export met \d+ rapportages\./);
    await vi.waitFor(() => expect(h.fake.callsTo("files.completeUploadExternal")).toHaveLength(1));
    expect(h.fake.callsTo("conversations.open").at(-1)!.body.users).toBe(slackUser.coordinator);
    const upload = h.fake.callsTo("upload")[0]!.body;
    expect(upload.content).toContain("Bakkerij De Korenschoof");
    // Issue 16.3: the UTF-8 byte-order mark the dashboard's exports have, so Excel reads ö and ë.
    // Issue 12: the file core makes for the dashboard too (;, CRLF, Dutch headers), unchanged by Slack.
    const file = await reportsSpreadsheet(depsFor(db), await actor("coordinator"));
    if (!file.ok) throw new Error("expected the export");
    expect(String(upload.content)).toContain(`\r\n\r\n${file.value.content}`);
    expect(String(upload.content)).toContain("\r\n\r\n\uFEFFNetwerk;Kwartaal;Werkgever;");
    expect(String(h.fake.callsTo("files.completeUploadExternal")[0]!.body.channel_id)).toBe(`D${slackUser.coordinator}`);
    // The export's reply came in the ack; "sent to your DM" follows through response_url.
    await vi.waitFor(() => expect(h.fake.responses().some((r) => JSON.stringify(r.body).includes(translator("nl")("slack.fileSent")))).toBe(true));
  });

  it("tells an unknown Slack user how to join, and stores nothing", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);

    const res = await slash("USTRANGER", "rapporteer 3 ambitie 10");

    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(blocksText((res.json as Json).blocks)).toContain("Ik ken je nog niet");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("answers unknown and malformed input with a short private hint", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    const unknown = await slash(slackUser.bakeryHr, "blabla");
    expect(unknown.json).toMatchObject({ response_type: "ephemeral" });
    // One sentence that names what was not understood and points to help.
    expect((unknown.json as Json).blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: nl("chat.unknownCommand", { command: "blabla" }) } }]);
    expect(nl("chat.unknownCommand", { command: "blabla" })).toMatch(/\bhelp\b/);
    for (const text of ["rapporteer drie ambitie", "rapporteer 3 ambitie -1"]) {
      const res = await slash(slackUser.bakeryHr, text);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      // Short, and shows the one-line form to type instead.
      const answer = readableText({ blocks: (res.json as Json).blocks });
      expect(((res.json as Json).blocks as Json[]).length).toBeLessThanOrEqual(2);
      expect(answer.length).toBeLessThan(600);
      expect(answer).toContain("rapporteer 3 ambitie 100");
    }
    // Only the first-use link of the Slack account was stored.
    expect(await snapshotCounts(db)).toEqual({ ...before, identities: before.identities + 1 });
  });

  it("opens the report modal from the 'Nu rapporteren' button", async () => {
    const db = use();
    await seedDemo(db);
    const res = await postSlack(h.app.url, interactiveBody(blockActionPayload({ user: slackUser.bakeryHr, actionId: "report.open#0", responseUrl: h.fake.responseUrl("a1") })), FORM);
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    expect((h.fake.callsTo("views.open")[0]!.body.view as Json).callback_id).toBe("form:report");
  });

  it("publishes the App Home with what is due, once per event even when Slack retries", async () => {
    const db = use();
    await seedDemo(db);
    const event = eventBody({ type: "app_home_opened", user: slackUser.bakeryHr, channel: "DHOME", tab: "home", event_ts: "1764064800.1" }, "EvHOME1");

    const first = await postSlack(h.app.url, event, JSON_TYPE);
    expect(first.status).toBe(200);
    // Events are handled after their ack; on a loaded machine the first (linking, building the home) takes a while.
    await vi.waitFor(() => expect(h.fake.callsTo("views.publish")).toHaveLength(1), { timeout: 10_000 });
    const published = h.fake.callsTo("views.publish")[0]!.body;
    expect(published.user_id).toBe(slackUser.bakeryHr);
    const home = blocksText((published.view as Json).blocks);
    expect((published.view as Json).type).toBe("home");
    expect(home).toContain("Hallo Joost Bakker");
    expect(home).toContain("report.open#0");
    expect(home).toContain("Praktijktafel");
    expect(home).toContain("Mijn subgroepen");
    expect(home).toMatch(/kenniskring — contact: Joost Bakker/i);

    for (const retryNum of [1, 2, 3]) {
      const retry = await postSlack(h.app.url, event, JSON_TYPE, { retryNum });
      expect(retry.status).toBe(200);
    }
    // A later, distinct event is still handled: proof that the retries above were dropped, not slow.
    await postSlack(h.app.url, eventBody({ type: "app_home_opened", user: slackUser.bakeryHr, tab: "home" }, "EvHOME2"), JSON_TYPE);
    await vi.waitFor(() => expect(h.fake.callsTo("views.publish")).toHaveLength(2), { timeout: 10_000 });
    expect(await db.prisma.slackEventReceipt.count()).toBe(2);
  });

  it("rejects unsigned, wrongly signed and replayed requests with 401 and changes nothing", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    const body = slashBody({ user: slackUser.bakeryHr, text: "rapporteer 3 ambitie 10", responseUrl: h.fake.responseUrl("x") });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;

    const answers = [
      await postSlack(h.app.url, body, FORM, { unsigned: true }),
      await postSlack(h.app.url, body, FORM, { secret: "not-the-secret" }),
      await postSlack(h.app.url, body, FORM, { timestamp: sixMinutesAgo }),
      await postSlack(h.app.url, eventBody({ type: "app_home_opened", user: slackUser.bakeryHr, tab: "home" }), JSON_TYPE, { timestamp: sixMinutesAgo }),
    ];

    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.slackEventReceipt.count()).toBe(0);
    expect(h.fake.calls.filter((c) => c.method !== "auth.test")).toHaveLength(0);
  });
});
