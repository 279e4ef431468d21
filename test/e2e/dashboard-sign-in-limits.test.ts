import { afterEach, beforeEach, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink, MAX_OPEN_LINKS_PER_PERSON, MAX_SESSIONS_PER_PERSON } from "../../src/core/dashboard/sign-in.js";
import { SIGN_IN_ATTEMPTS, SIGN_IN_LOCKOUT_SECONDS } from "../../src/dashboard/sign-in-limit.js";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { startSlackHarness, slackUser, type SlackHarness } from "../support/slack-app.js";
import { slashAndAnswer } from "../support/slack-answers.js";
import { startTestApp } from "../support/test-app.js";

// Issue 15.3: sign-in attempts are limited per client, in the database, and the DashboardSession
// table stays bounded however often people type `dashboard` or sign in.
const adminToken = "admin-token-for-tests-0123456789";
const nl = translator("nl");

describeEachDatabase("dashboard sign-in limits", (use) => {
  const apps: RunningApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp(use(), { DEMO: "on", ADMIN_TOKEN: adminToken, ...env });
    apps.push(app);
    return app;
  };
  beforeEach(() => seedDemo(use()).then(() => undefined));
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  const signIn = (app: RunningApp, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams(form), headers });
  const guess = (app: RunningApp, headers?: Record<string, string>) => signIn(app, { adminToken: "wrong-token-0123456789-abcdef" }, headers);
  const statuses = async (responses: Promise<Response>[]) => (await Promise.all(responses)).map((r) => r.status);

  it("locks a client out after 10 failed attempts: even the right admin token is refused, with a Dutch page and Retry-After", async () => {
    const app = await start();
    expect(await statuses(Array.from({ length: SIGN_IN_ATTEMPTS }, () => guess(app)))).toEqual(Array(SIGN_IN_ATTEMPTS).fill(401));

    const refused = await signIn(app, { adminToken });

    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(SIGN_IN_LOCKOUT_SECONDS - 60);
    expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LOCKOUT_SECONDS);
    expect(await refused.text()).toContain(nl("dashboard.signIn.lockedOut", { minutes: 15 }));
    expect(refused.headers.getSetCookie()).toEqual([]);
  });

  it("looks at no more than 10 of 400 parallel guesses", async () => {
    const app = await start();
    const answered = await statuses(Array.from({ length: 400 }, () => guess(app)));
    expect(answered.filter((s) => s === 401)).toHaveLength(SIGN_IN_ATTEMPTS);
    expect(answered.filter((s) => s === 429)).toHaveLength(400 - SIGN_IN_ATTEMPTS);
    expect((await signIn(app, { adminToken })).status).toBe(429);
  });

  it("counts a sign-in link like the admin token: a real link is refused once the client is locked out", async () => {
    const app = await start();
    const { actor } = await seedDemo(use());
    const link = await createSignInLink(depsFor(use()), await actor("coordinator"));
    await statuses(Array.from({ length: SIGN_IN_ATTEMPTS }, (_, i) => signIn(app, { token: `guessed-link-token-${i}` })));

    expect((await signIn(app, { token: link.token })).status).toBe(429);
  });

  it("does not count posts another site makes a visitor's browser send (refused before they are counted)", async () => {
    const app = await start();
    const crossSite = await statuses(Array.from({ length: SIGN_IN_ATTEMPTS + 5 }, () => guess(app, { "sec-fetch-site": "cross-site" })));
    expect(crossSite).toEqual(Array(SIGN_IN_ATTEMPTS + 5).fill(403));
    expect((await signIn(app, { adminToken }, { "sec-fetch-site": "same-origin" })).status).toBe(303);
  });

  it("shares the count between instances through the database", async () => {
    const [first, second] = [await start(), await start()];
    await statuses(Array.from({ length: 6 }, () => guess(first)));
    await statuses(Array.from({ length: SIGN_IN_ATTEMPTS - 6 }, () => guess(second)));

    expect((await signIn(second, { adminToken })).status).toBe(429);
    expect((await signIn(first, { adminToken })).status).toBe(429);
    expect(await use().prisma.rateLimitCounter.count()).toBe(1);
  });

  it("gives a sign-in that works its attempt back, so people who sign in often are not locked out", async () => {
    const app = await start();
    await statuses(Array.from({ length: SIGN_IN_ATTEMPTS - 1 }, () => guess(app)));
    for (let i = 0; i < 5; i++) expect((await signIn(app, { adminToken })).status).toBe(303);
    expect((await guess(app)).status).toBe(401);
    expect((await signIn(app, { adminToken })).status).toBe(429);
  });

  it("tells clients behind a trusted proxy apart by X-Forwarded-For, and ignores that header from anyone else", async () => {
    const behindProxy = await start({ TRUST_PROXY: "loopback" });
    await statuses(Array.from({ length: SIGN_IN_ATTEMPTS + 1 }, () => guess(behindProxy, { "x-forwarded-for": "203.0.113.7" })));
    expect((await signIn(behindProxy, { adminToken }, { "x-forwarded-for": "203.0.113.7" })).status).toBe(429);
    expect((await signIn(behindProxy, { adminToken }, { "x-forwarded-for": "2001:db8:1:2::99" })).status).toBe(303);

    await use().prisma.rateLimitCounter.deleteMany();
    const direct = await start();
    await statuses(Array.from({ length: SIGN_IN_ATTEMPTS + 1 }, () => guess(direct, { "x-forwarded-for": "203.0.113.8" })));
    expect((await signIn(direct, { adminToken }, { "x-forwarded-for": "198.51.100.2" })).status).toBe(429);
  });
});

describeEachDatabase("dashboard sessions stay bounded", (use) => {
  let slack: SlackHarness;
  beforeEach(async () => {
    await seedDemo(use());
    slack = await startSlackHarness(use(), {}, {}, undefined, { PUBLIC_URL: "http://bot.example" });
  });
  afterEach(() => slack.close());

  let counter = 0;
  /** `/netwerk dashboard` in Slack, as Joost: the sign-in link the bot answers with. */
  async function linkFromSlack(): Promise<string> {
    const answer = await slashAndAnswer(slack, slackUser.bakeryHr, "dashboard", `dash-${++counter}`);
    const url = JSON.stringify(answer.message).match(/http:\/\/bot\.example\/dashboard\/login\?token=[\w-]+/)?.[0];
    if (!url) throw new Error(`no dashboard link in ${JSON.stringify(answer.message)}`);
    return new URL(url).searchParams.get("token")!;
  }
  const signIn = (token: string) => fetch(`${slack.app.url}/dashboard/login`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token }) });
  const cookieOf = (response: Response) => response.headers.getSetCookie().find((c) => c.startsWith("netwerkbot_session="))!.split(";")[0]!;
  const rows = (kind: "LINK" | "SESSION") => use().prisma.dashboardSession.count({ where: { kind } });

  it("keeps only the newest few links of a person however often `dashboard` is typed", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 20; i++) tokens.push(await linkFromSlack());

    expect(await use().prisma.dashboardSession.count()).toBe(MAX_OPEN_LINKS_PER_PERSON);
    expect((await signIn(tokens[0]!)).status).toBe(401);
    expect((await signIn(tokens.at(-1)!)).status).toBe(303);
    expect(await rows("LINK")).toBe(MAX_OPEN_LINKS_PER_PERSON - 1);
  });

  it("keeps only the newest sessions of a person, and removes a session on logout", async () => {
    const cookies: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_PERSON + 3; i++) cookies.push(cookieOf(await signIn(await linkFromSlack())));

    expect(await rows("SESSION")).toBe(MAX_SESSIONS_PER_PERSON);
    expect(await rows("LINK")).toBe(0);
    const open = (cookie: string) => fetch(`${slack.app.url}/dashboard`, { headers: { cookie } }).then((r) => r.status);
    expect(await open(cookies[0]!)).toBe(401);
    expect(await open(cookies.at(-1)!)).toBe(200);

    await fetch(`${slack.app.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie: cookies.at(-1)! } });
    expect(await rows("SESSION")).toBe(MAX_SESSIONS_PER_PERSON - 1);
    expect(await open(cookies.at(-1)!)).toBe(401);
  });
});
