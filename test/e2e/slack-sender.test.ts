import { afterEach, describe, expect, it } from "vitest";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";

const message = { summary: "Herinnering <!channel>", blocks: [{ type: "text" as const, text: "Rapporteer Q4 <@U999>" }] };
const delivery = (userId: string, n = 1) => ({
  outboxId: `o${n}`,
  idempotencyKey: `k${n}`,
  personId: "p1",
  address: { tenantId: "T0001", userId },
  message,
});

describe("Slack outbox sender", () => {
  let fake: FakeSlackApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("opens the DM once, posts escaped blocks and returns the message ts", async () => {
    fake = await startFakeSlackApi();
    const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" });

    const first = await sender.send(delivery("U1", 1));
    const second = await sender.send(delivery("U1", 2));

    expect(first).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^\d+\.\d+$/) });
    expect(second.ok).toBe(true);
    expect(fake.callsTo("conversations.open")).toHaveLength(1);
    const posts = fake.callsTo("chat.postMessage");
    expect(posts.map((p) => p.body.channel)).toEqual(["DU1", "DU1"]);
    expect(posts[0]!.token).toBe("xoxb-test");
    expect(JSON.stringify(posts[0]!.body)).not.toContain("<!channel>");
    expect(posts[0]!.body.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "Rapporteer Q4 &lt;@U999&gt;" } }]);
  });

  it("reports HTTP 429 with Retry-After instead of sleeping on it", async () => {
    fake = await startFakeSlackApi({ postMessagesPerSecond: 1 });
    const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" });

    const results = [await sender.send(delivery("U1", 1)), await sender.send(delivery("U2", 2))];

    expect(results[0]!.ok).toBe(true);
    expect(results[1]).toEqual({ ok: false, error: "ratelimited", permanent: false, retryAfterMs: 1000 });
    expect(fake.rateLimited).toBe(1);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it.each(["user_not_found", "account_inactive", "invalid_auth", "channel_not_found"])(
    "marks Slack error %s as permanent",
    async (code) => {
      fake = await startFakeSlackApi({ handlers: { "conversations.open": () => ({ ok: false, error: code }) } });
      const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" });
      expect(await sender.send(delivery("UGONE"))).toEqual({ ok: false, error: code, permanent: true });
    },
  );

  it("treats other Slack errors as temporary", async () => {
    fake = await startFakeSlackApi({ handlers: { "chat.postMessage": () => ({ ok: false, error: "fatal_error" }) } });
    const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" });
    expect(await sender.send(delivery("U1"))).toEqual({ ok: false, error: "fatal_error", permanent: false });
  });

  it("gives up permanently without a workspace token or with a malformed address", async () => {
    fake = await startFakeSlackApi();
    const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => undefined });
    expect(await sender.send(delivery("U1"))).toMatchObject({ ok: false, error: "no_installation", permanent: true });
    expect(await sender.send({ ...delivery("U1"), address: { personId: "p1" } })).toMatchObject({ ok: false, permanent: true });
    expect(fake.calls).toHaveLength(0);
  });
});
