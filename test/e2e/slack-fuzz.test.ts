import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { MAX_REMARK_LENGTH } from "../../src/core/reporting/schema.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { hostileText } from "../support/hostile-input.js";
import { prng } from "../support/prng.js";
import { expectDutch, expectHelpfulAnswer, readableText, SLACK_ACK_WINDOW_MS, slashAndAnswer } from "../support/slack-answers.js";
import { slackUser, startSlackHarness, type SlackHarness } from "../support/slack-app.js";
import { blockActionPayload, FORM, interactiveBody, postSlack, slashBody, viewSubmissionPayload, type SlackResponse } from "../support/slack-requests.js";

type Json = Record<string, any>;

const hostile = [
  "<!channel>",
  "<!here|here>",
  "<@U0123ABC>",
  "<https://evil.example|klik hier>",
  "*vet* _schuin_ ~door~ `code`",
  "&lt;script&gt;",
  "<script>alert(1)</script>",
  ...hostileText,
];
const words = ["rapporteer", "report", "ambitie", "opmerking", "rsvp", "events", "event", "nieuw", "subgroep", "zoek", "status", "export", "historie", "deelnemers", "ics", "ja", "nee", "misschien", "1", "2", "999999999999"];

function randomText(rand: () => number): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) {
    const pool = rand() < 0.5 ? words : hostile;
    parts.push(pool[Math.floor(rand() * pool.length)]!);
  }
  return parts.join(rand() < 0.8 ? " " : "\n");
}

const RENDERING = /^(chat\.|views\.|response\/|files\.)/;

describeEachDatabase("Slack fuzz: hostile slash text and modal values", (use) => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  /** An interactive payload to the real app, acked within Slack's window. */
  async function postInteractive(payload: Record<string, unknown>): Promise<SlackResponse> {
    const started = performance.now();
    const res = await postSlack(h.app.url, interactiveBody(payload), FORM);
    expect(performance.now() - started, JSON.stringify(payload).slice(0, 200)).toBeLessThan(SLACK_ACK_WINDOW_MS);
    return res;
  }

  function expectHelpful(res: SlackResponse, input: unknown) {
    const context = JSON.stringify(input).slice(0, 200);
    expect(res.status, context).toBe(200);
    if (res.text !== "") {
      const body = res.json as Json;
      expect(body, context).toBeTypeOf("object");
      if (body.response_action === "errors") expect(Object.values(body.errors as Json).every((m) => typeof m === "string" && m.length > 0), context).toBe(true);
      else expect(String(body.text).trim().length, context).toBeGreaterThan(0);
    }
  }

  async function expectNothingInvalidStored() {
    const db = use();
    for (const r of await db.prisma.placementReport.findMany()) {
      expect(Number.isInteger(r.realised) && r.realised >= 0).toBe(true);
      expect((r.remark ?? "").length).toBeLessThanOrEqual(MAX_REMARK_LENGTH);
      expect(r.remark ?? "").not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    }
  }

  function expectNoInjectionRendered() {
    const rendered = [...h.fake.calls.filter((c) => RENDERING.test(c.method)).map((c) => JSON.stringify(c.body))];
    for (const text of rendered) {
      expect(text).not.toContain("<!channel>");
      expect(text).not.toContain("<!here");
      expect(text).not.toContain("<@U0123ABC>");
      expect(text).not.toContain("<https://evil");
    }
    // Our own "something went wrong" answer means an input reached an unexpected failure.
    expect(rendered.join("\n")).not.toContain("Er ging iets mis aan onze kant");
  }

  it("answers 150 random and hostile slash commands within Slack's window, helpfully, privately and without injection", async () => {
    await seedDemo(use());
    const rand = prng(20261125);
    const users = [slackUser.bakeryHr, slackUser.logisticsHr, slackUser.coordinator, "USTRANGER"];
    const acks: string[] = [];
    for (let i = 0; i < 150; i++) {
      const answer = await slashAndAnswer(h, users[i % users.length]!, randomText(rand), `f${i}`);
      expectHelpfulAnswer(answer);
      if (answer.ack.text) acks.push(answer.ack.text);
    }
    await h.app.slack!.stop();
    for (const ack of acks) {
      expect(ack).not.toContain("<!channel>");
      expect(ack).not.toContain("<@U0123ABC>");
      expect(ack).not.toContain("Er ging iets mis aan onze kant");
    }
    expectNoInjectionRendered();
    // Anything posted publicly came from a coordinator creating an event, never from a member.
    for (const post of h.fake.callsTo("chat.postMessage")) expect(post.body.channel).not.toBe("C0GENERAL");
    await expectNothingInvalidStored();
  });

  it("stores nothing for hostile numbers, answers, names and refused commands: no RSVP, event, membership, identity or report", async () => {
    const db = use();
    await seedDemo(db);
    const event = await db.prisma.event.findFirstOrThrow({ where: { status: "SCHEDULED" }, orderBy: { number: "asc" } });
    // First use links each Slack account: done before the snapshot, it is not what is tested.
    for (const user of [slackUser.bakeryHr, slackUser.coordinator]) await slashAndAnswer(h, user, "help", `link-${user}`);
    const before = await snapshotCounts(db);

    const sent: Array<[string, string]> = [];
    for (const x of hostile) {
      sent.push(
        [slackUser.bakeryHr, `rsvp ${x} ja`],
        [slackUser.bakeryHr, `rsvp ${event.number} ${x}`],
        // "-0" reads as 0, a valid report of nothing yet: not hostile for this command.
        ...(x === "-0" ? [] : [[slackUser.bakeryHr, `rapporteer ${x} ambitie ${x}`] as [string, string]]),
        [slackUser.bakeryHr, `lid ${x}`],
        [slackUser.coordinator, `event annuleer ${x}`],
        [slackUser.coordinator, `event wijzig ${x} ${x}`],
        [slackUser.coordinator, `deelnemers ${x}`],
        [slackUser.coordinator, `deelnemers ${event.number} verwijder ${x}`],
      );
    }
    // Coordinator-only commands from a member, and anything from someone Slack cannot match.
    sent.push(
      [slackUser.bakeryHr, `event annuleer ${event.number}`],
      [slackUser.bakeryHr, `deelnemers ${event.number} verwijder Joost Bakker`],
      [slackUser.bakeryHr, "subgroep nieuw <!channel> | hoi"],
      ["USTRANGER", `rsvp ${event.number} ja`],
      ["USTRANGER", "rapporteer 3 ambitie 10"],
      ["USTRANGER", "lid kenniskring"],
    );
    for (const [i, [user, text]] of sent.entries()) expectHelpfulAnswer(await slashAndAnswer(h, user, text, `n${i}`));

    await h.app.slack!.stop();
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "SCHEDULED", revision: event.revision });
    expectNoInjectionRendered();
  });

  it("answers 30 hostile commands sent at once, the ones past the in-flight limit acked at once and answered via response_url", async () => {
    await seedDemo(use());
    const rand = prng(7);
    const users = [slackUser.bakeryHr, slackUser.logisticsHr, slackUser.coordinator, slackUser.careBuyer, "USTRANGER"];
    // Each Slack account links on first use inside the burst, concurrently with its other
    // commands; a slow users.info keeps those in flight, so more than INLINE_CONCURRENCY overlap.
    h.fake.delays["users.info"] = 400;
    const burst = Array.from({ length: 30 }, (_, i) => slashAndAnswer(h, users[i % users.length]!, randomText(rand), `c${i}`));

    const answers = await Promise.all(burst);

    for (const answer of answers) expectHelpfulAnswer(answer);
    expect(answers.filter((a) => a.deferred && a.message).length).toBeGreaterThan(0);
    await h.app.slack!.stop();
    expectNoInjectionRendered();
    await expectNothingInvalidStored();
    const identities = await use().prisma.platformIdentity.findMany({ where: { platform: "SLACK" }, select: { externalUserId: true } });
    expect(identities.map((i) => i.externalUserId).sort()).toEqual(users.filter((u) => u !== "USTRANGER").sort());
  });

  it("keeps the report modal open with field errors for hostile values, and stores only valid reports", async () => {
    await seedDemo(use());
    await postSlack(h.app.url, slashBody({ user: slackUser.bakeryHr, text: "rapporteer", responseUrl: h.fake.responseUrl("m") }), FORM);
    await vi.waitFor(() => expect(h.fake.callsTo("views.open")).toHaveLength(1));
    const view = h.fake.callsTo("views.open")[0]!.body.view as Json;
    const rand = prng(42);
    const pick = () => hostile[Math.floor(rand() * hostile.length)]!;
    let saved = 0;
    for (let i = 0; i < 60; i++) {
      const values = { realised: pick(), ambition: rand() < 0.3 ? "12" : pick(), remark: rand() < 0.5 ? pick() : pick().repeat(3) };
      const res = await postInteractive(viewSubmissionPayload(slackUser.bakeryHr, view, values));
      expectHelpful(res, values);
      if (res.text === "") saved++;
    }
    // Tampered metadata and unknown forms are refused in the modal too.
    for (const privateMetadata of ["{", JSON.stringify({ formId: "nope" }), JSON.stringify({ formId: "report", context: "x".repeat(4000) }), ""]) {
      const res = await postInteractive(viewSubmissionPayload(slackUser.bakeryHr, { ...view, private_metadata: privateMetadata }, { realised: "1", ambition: "2" }));
      expect(res.status).toBe(200);
    }
    await h.app.slack!.stop();
    const revisions = await use().prisma.placementReportRevision.count({ where: { report: { period: { year: 2026, quarter: 4 } } } });
    expect(revisions).toBe(saved);
    expectNoInjectionRendered();
    await expectNothingInvalidStored();
  });

  it("answers tampered and unknown buttons with a short private message", async () => {
    await seedDemo(use());
    const presses = [
      { actionId: "event.rsvp#0", value: "not json" },
      { actionId: "event.rsvp#0", value: JSON.stringify({ eventId: "<!channel>", response: "YES" }) },
      { actionId: "event.rsvp#0", value: JSON.stringify({ eventId: "x", response: "ALWAYS" }) },
      { actionId: "event.ics#1", value: "{}" },
      { actionId: "does.not.exist#0", value: "" },
      { actionId: "report.open", value: "x".repeat(1999) },
    ];
    for (const [i, press] of presses.entries()) {
      const res = await postInteractive(blockActionPayload({ user: slackUser.bakeryHr, ...press, responseUrl: h.fake.responseUrl(`b${i}`) }));
      expect(res.status).toBe(200);
    }
    await h.app.slack!.stop();
    // Each press was answered: a private message in Dutch (not our apology), or the report modal.
    for (const [i, press] of presses.entries()) {
      const answer = h.fake.responses().find((c) => c.method === `response/b${i}`);
      if (press.actionId === "report.open") expect(h.fake.callsTo("views.open")).toHaveLength(1);
      else {
        expect(answer, press.actionId).toBeDefined();
        expect(answer!.body.response_type, press.actionId).toBe("ephemeral");
        expectDutch(readableText(answer!.body), "", press.actionId);
      }
    }
    expect(await use().prisma.rsvp.count({ where: { event: { title: { contains: "channel" } } } })).toBe(0);
    expectNoInjectionRendered();
  });
});
