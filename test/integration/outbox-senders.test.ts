import { afterEach, expect, it } from "vitest";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { webInbox, webSender } from "../../src/delivery/web-inbox.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";

const summaryData = { networkName: "N", label: "Q4 2026", employers: 6, reported: 5, responseRate: 5 / 6, realised: 9, ambition: 40, missing: ["Metaalwerken Almelo"] };

describeEachDatabase("outbox: web inbox", (use) => {
  it("keeps delivered messages for people without a chat identity in their web inbox, in their language", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const alex = await actor("englishSpeaker");
    await enqueueNotifications(db.prisma, [{ kind: "campaign.summary", personId: alex.personId, idempotencyKey: "inbox", data: summaryData, notBefore: fixedNow }]);
    expect(await webInbox(db.prisma, alex.personId)).toEqual([]); // not delivered yet
    await new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [webSender] }).drain();
    const inbox = await webInbox(db.prisma, alex.personId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.message.summary).toBe("Period Q4 2026 closed — N");
    expect(JSON.stringify(inbox[0]!.message.blocks)).toContain("Not reported: Metaalwerken Almelo");
  });
});

let fake: FakeSlackApi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

it("tags Slack DMs with the outbox key so a message in doubt can be found instead of sent twice", async () => {
  fake = await startFakeSlackApi();
  const sender = createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" });
  const delivery = { outboxId: "o1", idempotencyKey: "campaign:n:2026Q4:open:p1", personId: "p1", address: { tenantId: "T0001", userId: "U1" }, message: { summary: "Hoi", blocks: [] } };

  await sender.prepare!(delivery);
  const result = await sender.send(delivery);
  expect(result).toMatchObject({ ok: true });
  expect(fake.callsTo("conversations.open")).toHaveLength(1); // opened once, in prepare
  const [post] = fake.callsTo("chat.postMessage");
  expect(post!.body).toMatchObject({ channel: "DU1", metadata: { event_type: "netwerkbot_outbox", event_payload: { outboxKey: delivery.idempotencyKey } } });

  expect(await sender.wasDelivered!(delivery)).toBe(result.ok ? result.platformMessageId : "");
  expect(await sender.wasDelivered!({ ...delivery, idempotencyKey: "campaign:n:2026Q4:reminder-1:p1" })).toBeNull();
});
