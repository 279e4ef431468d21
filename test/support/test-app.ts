import { startApp, type RunningApp, type StartOptions } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { FakeOpenId } from "./fake-openid.js";
import { signActivitiesFor, standInForAzureAd, startFakeOpenId, teamsAppEnv } from "./teams-channel-auth.js";
import type { FakeBotConnector } from "./fake-bot-connector.js";
import { fixedNow, seedDemo } from "./fixtures.js";

const PLATFORM_SETTINGS = ["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "MICROSOFT_APP_ID"];

/**
 * The real app on a free local port for end-to-end tests: the given database, the fixed clock,
 * no log output (unless a logger is given), no demo data, demo mode when no platform is given, and no scheduler ticks or outbox polling racing the assertions
 * (suites that test those start them themselves). `env` adds or overrides settings.
 */
export function startTestApp(
  database: Database,
  env: Record<string, string> = {},
  { now = () => fixedNow, logger = createLogger("silent", false), http, conversation }: { now?: () => Date; logger?: Logger; http?: StartOptions["http"]; conversation?: StartOptions["conversation"] } = {},
): Promise<RunningApp> {
  const config = loadConfig({
    NODE_ENV: "test",
    SCHEDULER: "off",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DEMO_DATA: "off",
    // Without Slack or Teams the app serves only in demo mode; a suite that tests that choice
    // passes DEMO itself.
    ...(PLATFORM_SETTINGS.some((key) => env[key]) ? {} : { DEMO: "on" }),
    ...env,
  });
  return startApp(config, { logger, now, database, http, conversation });
}

/**
 * For a Teams suite inside describeEachDatabase: before every test the demo network is seeded,
 * the app started with an app id (postActivity signs what it sends it, see teams-channel-auth.ts)
 * and the file's fake Bot Connector emptied (a getter: the file starts it in its beforeAll);
 * after it the app is closed. Returns the running app of the current test.
 */
export function teamsAppPerTest(use: () => Database, connector: () => FakeBotConnector, env: Record<string, string> = {}, options: Pick<StartOptions, "conversation"> = {}): Pick<RunningApp, "url" | "close" | "teams"> {
  let app: RunningApp | undefined;
  let openId: FakeOpenId | undefined;
  let unregister = () => {};
  beforeAll(async () => {
    openId = await startFakeOpenId();
    standInForAzureAd();
  });
  afterAll(() => openId?.close());
  beforeEach(async () => {
    await seedDemo(use());
    app = await startTestApp(use(), { PUBLIC_URL: "http://bot.example", ...teamsAppEnv(openId!), ...env }, options);
    unregister = signActivitiesFor(app.url, openId!);
    connector().reset();
  });
  afterEach(async () => {
    unregister();
    await app?.close();
  });
  const current = () => {
    if (!app) throw new Error("no app: teamsAppPerTest is used outside a test");
    return app;
  };
  return {
    get url() {
      return current().url;
    },
    get teams() {
      return current().teams;
    },
    close: () => current().close(),
  };
}
