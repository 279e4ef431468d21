import { afterEach, beforeEach, expect, it } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { slackUser } from "../support/slack-app.js";
import { LOG_LEVEL, startLoggedSlackHarness, type LogLine } from "../support/slack-logged-app.js";
import { FORM, postSlack, slashBody } from "../support/slack-requests.js";
import { demoEmails } from "../../src/demo/demo-data.js";

type Json = Record<string, any>;
const nl = translator("nl");

/** First use of a Slack account: linked by the address Slack has on file, only when it may be. */
describeEachDatabase("Slack: linking a Slack user by the e-mail address in users.info", (use) => {
  let h: Awaited<ReturnType<typeof startLoggedSlackHarness>>;
  beforeEach(async () => {
    h = await startLoggedSlackHarness(use());
  });
  afterEach(async () => {
    await h.close();
  });

  const slash = (user: string, text: string) => postSlack(h.app.url, slashBody({ user, text, responseUrl: h.fake.responseUrl(`r-${user}`) }), FORM);
  const replyText = (json: unknown) => JSON.stringify((json as Json).blocks);
  /** users.info for one user answers with this user object (the rest of the fake stays as it is). */
  const slackKnows = (userId: string, user: Json) => {
    h.fake.handlers["users.info"] = (body) => (body.user === userId ? { ok: true, user: { id: userId, ...user } } : undefined);
  };
  const logged = (level: number, text: RegExp) => h.logs.filter((l: LogLine) => l.level === level && text.test(l.msg));

  it("links a user whose address has non-ASCII characters, as Slack allows", async () => {
    const db = use();
    const { networkId } = await seedDemo(db);
    const jurgen = await db.prisma.person.create({ data: { networkId, name: "Jürgen Weiß", email: "jürgen@firma.de" } });
    slackKnows("UJURGEN", { is_email_confirmed: true, profile: { email: " jürgen@firma.de " } });

    const res = await slash("UJURGEN", "help");

    expect(res.status).toBe(200);
    expect(replyText(res.json)).toContain("Wat ik voor je kan doen");
    expect(replyText(res.json)).not.toContain(nl("error.unexpected").slice(0, 20));
    expect(await db.prisma.platformIdentity.findMany({ where: { externalUserId: "UJURGEN" }, select: { personId: true, platform: true, tenantId: true } })).toEqual([
      { personId: jurgen.id, platform: "SLACK", tenantId: "T0001" },
    ]);
  });

  it("does not link by an address Slack says is unconfirmed: the friendly explanation, nothing stored", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    // Someone put the HR manager's address on their own, new Slack account without confirming it.
    slackKnows("UIMPOSTOR", { is_email_confirmed: false, profile: { email: demoEmails.bakeryHr } });

    const res = await slash("UIMPOSTOR", "rapporteer 3 ambitie 10");

    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(replyText(res.json)).toContain("Ik ken je nog niet");
    expect(await snapshotCounts(db)).toEqual(before);
    expect(logged(LOG_LEVEL.info, /niet bevestigd/)).toEqual([expect.objectContaining({ userId: "UIMPOSTOR", teamId: "T0001" })]);
  });

  it("treats a profile address that is not an address as no address: the friendly explanation, never a crash", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);

    for (const email of ["geen adres", "", "   ", 42, null]) {
      slackKnows("UODD", { is_email_confirmed: true, profile: { email } });
      const res = await slash("UODD", "help");
      expect(res.status).toBe(200);
      expect(replyText(res.json), String(email)).toContain("Ik ken je nog niet");
    }
    expect(await snapshotCounts(db)).toEqual(before);
    expect(logged(LOG_LEVEL.error, /./)).toEqual([]);
  });

  it("does not link an account whose users.info leaves out is_email_confirmed, even with the coordinator's address: no status, no export (issue 15.1)", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    // An attacker's account carrying the coordinator's address; Slack's answer does not say it is confirmed.
    slackKnows("UATTACKER", { profile: { email: demoEmails.coordinator } });

    for (const text of ["status", "export", "historie"]) {
      const res = await slash("UATTACKER", text);
      expect(res.status).toBe(200);
      expect(replyText(res.json), text).toContain("Ik ken je nog niet");
      expect(replyText(res.json), text).not.toContain("Respons");
    }

    expect(await db.prisma.platformIdentity.count({ where: { externalUserId: "UATTACKER" } })).toBe(0);
    expect(await snapshotCounts(db)).toEqual(before);
    expect(h.fake.callsTo("files.getUploadURLExternal")).toEqual([]);
    expect(logged(LOG_LEVEL.info, /niet bevestigd/)).toHaveLength(3);
  });

  it("links the coordinator when Slack says the address is confirmed", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    slackKnows("UREALCOORD", { is_email_confirmed: true, profile: { email: demoEmails.coordinator } });

    const res = await slash("UREALCOORD", "status");

    expect(replyText(res.json)).not.toContain("Ik ken je nog niet");
    const link = await db.prisma.platformIdentity.findFirstOrThrow({ where: { externalUserId: "UREALCOORD" } });
    expect(link.personId).toBe((await actor("coordinator")).personId);
  });

  it("answers the friendly text when the install lacks users:read.email, and warns whoever runs the bot", async () => {
    const db = use();
    await seedDemo(db);
    const before = await snapshotCounts(db);
    h.fake.handlers["users.info"] = () => ({ ok: false, error: "missing_scope", needed: "users:read.email", provided: "commands,chat:write" });

    const res = await slash(slackUser.bakeryHr, "help");

    expect(replyText(res.json)).toContain("Ik ken je nog niet");
    expect(await snapshotCounts(db)).toEqual(before);
    expect(logged(LOG_LEVEL.warn, /scope/)).toEqual([expect.objectContaining({ userId: slackUser.bakeryHr, needed: "users:read.email" })]);
  });
});
