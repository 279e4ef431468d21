import { afterEach, expect, it } from "vitest";
import { enqueueNotifications } from "../../src/core/outbox/enqueue.js";
import { linkFoundIdentity, slackLookupTarget } from "../../src/core/members/platform-lookup.js";
import type { Database } from "../../src/db/database.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { createSlackSenders } from "../../src/platforms/slack/sender.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";

type Json = Record<string, any>;
const summaryData = { networkName: "N", label: "Q4 2026", employers: 6, reported: 5, responseRate: 5 / 6, realised: 9, ambition: 40, missing: [] };

/** A workspace whose members are `users` (id → e-mail), each address confirmed unless listed in `unconfirmed`. */
function workspace(users: Record<string, string>, unconfirmed: string[] = []) {
  const user = (id: string) => ({ ok: true, user: { id, ...(unconfirmed.includes(id) ? {} : { is_email_confirmed: true }), profile: { email: users[id] } } });
  return {
    "users.lookupByEmail": (body: Json) => {
      const id = Object.keys(users).find((key) => users[key] === body.email);
      return id ? user(id) : { ok: false, error: "users_not_found" };
    },
  };
}

const bindSlack = (db: Database, networkId: string) =>
  db.prisma.workspaceBinding.createMany({ data: { networkId, platform: "SLACK", tenantId: "T0001" }, skipDuplicates: true });

// Someone imported who never wrote to the bot (an outbox row without a chat identity) is reached
// in the Slack workspace bound to their network: the app's sender for such rows outside demo
// mode finds them by the address on file and links them; nowhere else.
describeEachDatabase("outbox: unlinked people in the bound Slack workspace", (use) => {
  let fake: FakeSlackApi | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function setUp(db: Database, users: Record<string, string>, unconfirmed: string[] = []) {
    const { networkId, actor } = await seedDemo(db);
    fake = await startFakeSlackApi({ handlers: workspace(users, unconfirmed) });
    const { linked, unlinked } = createSlackSenders(
      { apiUrl: fake.url, tokenForTeam: async () => "xoxb-test" },
      {
        target: (personId) => slackLookupTarget(db.prisma, personId),
        link: (personId, teamId, userId, email) => linkFoundIdentity(db.prisma, personId, { platform: "SLACK", tenantId: teamId, externalUserId: userId }, email),
      },
    );
    const worker = new OutboxWorker({ db: db.prisma, now: () => fixedNow, senders: [linked, unlinked], ratePerSecond: { SLACK: 10_000, WEB: 10_000 } });
    const notify = async (...keys: Array<keyof typeof demoEmails>) => {
      const ids = await Promise.all(keys.map(async (key) => (await actor(key)).personId));
      await enqueueNotifications(db.prisma, ids.map((personId) => ({ kind: "campaign.summary", personId, idempotencyKey: `n:${personId}`, data: summaryData, notBefore: fixedNow })));
      return ids;
    };
    const rows = (personIds: string[]) =>
      db.prisma.outboxMessage.findMany({ where: { personId: { in: personIds } }, select: { personId: true, platform: true, address: true, status: true, lastError: true } });
    return { networkId, worker, notify, rows };
  }

  it("without a bound Slack workspace, says so instead of marking the message sent", async () => {
    const db = use();
    const { networkId, worker, notify, rows } = await setUp(db, { UJOOST: demoEmails.bakeryHr });
    // (seedDemo may bind the test workspace: this network has only a Teams tenant.)
    await db.prisma.workspaceBinding.deleteMany({ where: { networkId, platform: "SLACK" } });
    await db.prisma.workspaceBinding.createMany({ data: { networkId, platform: "TEAMS", tenantId: "tenant-1" } });
    const [joost] = await notify("bakeryHr");
    await worker.drain();
    expect(await rows([joost!])).toEqual([{ personId: joost, platform: "WEB", address: { personId: joost }, status: "DEAD", lastError: "no_slack_workspace" }]);
    expect(fake!.calls).toEqual([]);
  });

  it("finds a confirmed address by users.lookupByEmail, links it and sends the DM; an unconfirmed or unknown address is not reached", async () => {
    const db = use();
    const { networkId, worker, notify, rows } = await setUp(db, { UJOOST: demoEmails.bakeryHr, UELS: demoEmails.bakeryDirector }, ["UELS"]);
    await bindSlack(db, networkId);

    const [joost, els, mo] = await notify("bakeryHr", "bakeryDirector", "logisticsHr");
    await worker.drain();

    const byPerson = new Map((await rows([joost!, els!, mo!])).map((r) => [r.personId, [r.status, r.lastError]]));
    expect(Object.fromEntries(byPerson)).toEqual({ [joost!]: ["SENT", null], [els!]: ["DEAD", "email_not_confirmed"], [mo!]: ["DEAD", "users_not_found"] });
    expect(fake!.callsTo("chat.postMessage").map((c) => c.body.channel)).toEqual(["DUJOOST"]);
    expect(await db.prisma.platformIdentity.findMany({ select: { personId: true, tenantId: true, externalUserId: true } })).toEqual([
      { personId: joost, tenantId: "T0001", externalUserId: "UJOOST" },
    ]);

    // Linked now: the next message is addressed to the Slack user, with no lookup.
    await db.prisma.outboxMessage.deleteMany();
    await notify("bakeryHr");
    expect((await rows([joost!])).map((r) => [r.platform, r.address])).toEqual([["SLACK", { tenantId: "T0001", userId: "UJOOST" }]]);
  });

  it("never hands a Slack account that is already someone else's to another person, and stops when the workspace was unbound", async () => {
    const db = use();
    // Slack answers Els's address with the account Joost already linked.
    const { networkId, worker, notify, rows } = await setUp(db, { UJOOST: demoEmails.bakeryDirector, UFLEUR: demoEmails.careBuyer });
    await bindSlack(db, networkId);
    const joost = (await db.prisma.person.findFirstOrThrow({ where: { email: demoEmails.bakeryHr } })).id;
    await db.prisma.platformIdentity.create({ data: { personId: joost, platform: "SLACK", tenantId: "T0001", externalUserId: "UJOOST" } });

    const [els] = await notify("bakeryDirector");
    await worker.drain();
    // Once the workspace is unbound, nobody is looked up or linked there.
    await db.prisma.workspaceBinding.deleteMany({ where: { networkId, platform: "SLACK" } });
    const [fleur] = await notify("careBuyer");
    await worker.drain();
    expect(await linkFoundIdentity(db.prisma, fleur!, { platform: "SLACK", tenantId: "T0001", externalUserId: "UFLEUR" }, demoEmails.careBuyer)).toBe("not-bound");

    const byPerson = Object.fromEntries((await rows([els!, fleur!])).map((r) => [r.personId, [r.status, r.lastError]]));
    expect(byPerson).toEqual({ [els!]: ["DEAD", "linked-to-other"], [fleur!]: ["DEAD", "no_slack_workspace"] });
    expect(fake!.callsTo("chat.postMessage")).toEqual([]);
    expect(fake!.callsTo("users.lookupByEmail").map((c) => c.body.email)).toEqual([demoEmails.bakeryDirector]);
    expect(await db.prisma.platformIdentity.count()).toBe(1);
  });
});
