import { startTestApp } from "../support/test-app.js";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { ConfigError } from "../../src/config.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { prismaInstallationStore } from "../../src/platforms/slack/installation-store.js";
import { BOT_SCOPES } from "../../src/platforms/slack/scopes.js";
import { describeEachDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { bindWorkspace, seedDemo } from "../support/fixtures.js";
import { FORM, postSlack, SIGNING_SECRET, slashBody } from "../support/slack-requests.js";

const oauthAccess = (teamId: string, token: string) => ({
  ok: true,
  app_id: "A0001",
  authed_user: { id: "UINSTALLER" },
  scope: BOT_SCOPES.join(","),
  token_type: "bot",
  access_token: token,
  bot_user_id: "UBOT",
  team: { id: teamId, name: `Regio ${teamId}` },
  enterprise: null,
  is_enterprise_install: false,
});

const TWENTE = { platform: "SLACK", tenantId: "T0TWENTE" } as const;
const isBoundIn = (db: { prisma: { workspaceBinding: { count(args: object): Promise<number> } } }) => async (id: string) => (await db.prisma.workspaceBinding.count({ where: { platform: "SLACK", tenantId: id } })) > 0;

describeEachDatabase("Slack multi-workspace OAuth install", (use) => {
  let fake: FakeSlackApi;
  let app: RunningApp;
  let nextToken = "xoxb-twente";
  beforeEach(async () => {
    nextToken = "xoxb-twente";
    fake = await startFakeSlackApi({
      users: { UMO: demoEmails.logisticsHr },
      handlers: { "oauth.v2.access": () => oauthAccess("T0TWENTE", nextToken) },
    });
    // The Twente workspace serves the demo network (a chat identity counts only in a bound workspace).
    const { networkId } = await seedDemo(use());
    await bindWorkspace(use(), networkId, TWENTE);
    app = await startOauthApp();
  });
  const startOauthApp = (env: Record<string, string> = {}) =>
    startTestApp(use(), {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_CLIENT_ID: "1234.5678",
      SLACK_CLIENT_SECRET: "client-secret",
      SLACK_STATE_SECRET: "state-secret-state-secret",
      SLACK_API_URL: fake.url,
      SLACK_ALLOWED_TEAMS: "T0TWENTE",
      ...env,
    });
  afterEach(async () => {
    await app.close();
    await fake.close();
  });

  async function install(): Promise<Response> {
    const start = await fetch(`${app.url}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.pathname).toBe("/oauth/v2/authorize");
    expect(authorize.searchParams.get("scope")!.split(",").sort()).toEqual([...BOT_SCOPES].sort());
    const state = authorize.searchParams.get("state")!;
    const cookie = start.headers.get("set-cookie")!.split(";")[0]!;
    return fetch(`${app.url}/slack/oauth_redirect?code=temporary-code&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  }

  it("stores the installation, then serves that workspace with its own token", async () => {
    const db = use();
    await seedDemo(db);

    const done = await install();

    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Netwerkbot is geïnstalleerd");
    const row = await db.prisma.slackInstallation.findFirstOrThrow({ where: { teamId: "T0TWENTE" } });
    expect((row.installation as { bot: { token: string } }).bot.token).toBe("xoxb-twente");

    const res = await postSlack(app.url, slashBody({ team: "T0TWENTE", user: "UMO", text: "help", responseUrl: fake.responseUrl("o") }), FORM);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Wat ik voor je kan doen");
    expect(fake.callsTo("users.info").at(-1)!.token).toBe("xoxb-twente");

    const sent = await app.slack!.sender.send({ outboxId: "o1", idempotencyKey: "k1", personId: null, address: { tenantId: "T0TWENTE", userId: "UMO" }, message: { summary: "Hoi", blocks: [] } });
    expect(sent.ok).toBe(true);
    expect(fake.callsTo("chat.postMessage").at(-1)!.token).toBe("xoxb-twente");
  });

  it("replaces the token on reinstall and forgets the workspace on app_uninstalled", async () => {
    const db = use();
    await install();
    nextToken = "xoxb-twente-2";
    await install();
    expect(await db.prisma.slackInstallation.count()).toBe(1);
    const store = prismaInstallationStore(db.prisma, isBoundIn(db));
    const found = await store.fetchInstallation({ teamId: "T0TWENTE", enterpriseId: undefined, isEnterpriseInstall: false });
    expect(found.bot?.token).toBe("xoxb-twente-2");

    const body = JSON.stringify({ team_id: "T0TWENTE", api_app_id: "A0001", type: "event_callback", event_id: "EvUNINSTALL", event_time: 1, event: { type: "app_uninstalled" } });
    const res = await postSlack(app.url, body, "application/json");
    expect(res.status).toBe(200);
    await vi.waitFor(async () => expect(await db.prisma.slackInstallation.count()).toBe(0));
  });

  const tokensRevoked = (eventId: string, tokens: Record<string, string[]>) =>
    JSON.stringify({ team_id: "T0TWENTE", api_app_id: "A0001", type: "event_callback", event_id: eventId, event_time: 1, event: { type: "tokens_revoked", tokens } });

  it("forgets the workspace when its bot token is revoked", async () => {
    const db = use();
    await install();
    expect((await postSlack(app.url, tokensRevoked("EvBOT", { bot: ["UBOT"] }), "application/json")).status).toBe(200);
    await vi.waitFor(async () => expect(await db.prisma.slackInstallation.count()).toBe(0));
  });

  it("keeps the workspace when only a user's token is revoked", async () => {
    const db = use();
    await install();
    expect((await postSlack(app.url, tokensRevoked("EvUSER", { oauth: ["UINSTALLER"] }), "application/json")).status).toBe(200);
    await app.close(); // waits for the event's listener to finish
    expect(await db.prisma.slackEventReceipt.count({ where: { eventId: "EvUSER" } })).toBe(1);
    expect(await db.prisma.slackInstallation.count()).toBe(1);
  });

  it("does not start OAuth installs without SLACK_ALLOWED_TEAMS, naming the variable (issue 15.1)", () => {
    expect(() => startOauthApp({ SLACK_ALLOWED_TEAMS: "" })).toThrow(ConfigError);
    expect(() => startOauthApp({ SLACK_ALLOWED_TEAMS: "" })).toThrow(/SLACK_ALLOWED_TEAMS: nodig bij installaties per werkruimte/);
  });

  it("refuses to install a workspace not on SLACK_ALLOWED_TEAMS and stops serving one taken off the list", async () => {
    const db = use();
    await seedDemo(db);
    await install(); // T0TWENTE, while it was on the list
    await app.close();
    app = await startOauthApp({ SLACK_ALLOWED_TEAMS: "T0ENSCHEDE,E0OVERIJSSEL" });

    const refused = await install();

    expect(refused.status).toBe(500);
    expect(await refused.text()).toContain("De installatie is niet gelukt");
    const stored = await db.prisma.slackInstallation.findFirstOrThrow({ where: { teamId: "T0TWENTE" } });
    expect((stored.installation as { bot: { token: string } }).bot.token).toBe("xoxb-twente"); // not replaced
    const res = await postSlack(app.url, slashBody({ team: "T0TWENTE", user: "UMO", text: "help", responseUrl: fake.responseUrl("t") }), FORM);
    expect(res.text).not.toContain("Wat ik voor je kan doen");
    expect(fake.callsTo("users.info")).toHaveLength(0);
    expect(await db.prisma.platformIdentity.count()).toBe(0);
  });

  it("with SLACK_ALLOWED_TEAMS, installs a workspace on the list, or one of an organisation on it", async () => {
    await app.close();
    app = await startOauthApp({ SLACK_ALLOWED_TEAMS: "T0TWENTE" });
    expect((await install()).status).toBe(200);
    const store = prismaInstallationStore(use().prisma, isBoundIn(use()), ["E0OVERIJSSEL"]);
    const orgWorkspace = { team: { id: "T0HENGELO" }, enterprise: { id: "E0OVERIJSSEL" }, isEnterpriseInstall: false, bot: { token: "xoxb-hengelo" } };
    await store.storeInstallation(orgWorkspace as never);
    expect(await use().prisma.slackInstallation.count()).toBe(2);
  });

  it("a store without an allow-list installs only a workspace (or org) bound to a network", async () => {
    const db = use();
    const store = prismaInstallationStore(db.prisma, isBoundIn(db));
    const unbound = { team: { id: "T0ELDERS" }, enterprise: undefined, isEnterpriseInstall: false, bot: { token: "xoxb-elders" } };
    await expect(store.storeInstallation(unbound as never)).rejects.toThrow(/not bound to a network/);
    await store.storeInstallation({ ...unbound, team: { id: "T0TWENTE" } } as never);
    expect(await db.prisma.slackInstallation.findMany({ select: { teamId: true } })).toEqual([{ teamId: "T0TWENTE" }]);
  });

  it("serves a workspace whose binding ended with the explanation only: nobody is looked up or linked", async () => {
    const db = use();
    expect((await install()).status).toBe(200);
    await db.prisma.workspaceBinding.deleteMany({ where: TWENTE });

    const res = await postSlack(app.url, slashBody({ team: "T0TWENTE", user: "UMO", text: "help", responseUrl: fake.responseUrl("u") }), FORM);

    expect(res.status).toBe(200);
    expect(res.text).toContain("niet aan een netwerk gekoppeld");
    expect(res.text).not.toContain("Wat ik voor je kan doen");
    expect(fake.callsTo("users.info")).toHaveLength(0);
    expect(await db.prisma.platformIdentity.count()).toBe(0);
  });

  it("refuses a command from a workspace that never installed the app", async () => {
    const db = use();
    await seedDemo(db);
    const res = await postSlack(app.url, slashBody({ team: "T0STRANGER", user: "UMO", text: "help", responseUrl: fake.responseUrl("s") }), FORM);
    // Bolt's authorize finds no installation: nothing is looked up, linked or answered.
    expect(res.text).not.toContain("Wat ik voor je kan doen");
    expect(fake.callsTo("users.info")).toHaveLength(0);
    expect(await db.prisma.platformIdentity.count()).toBe(0);
  });
});
