import { startTestApp } from "./test-app.js";
import type { RunningApp } from "../../src/app.js";
import type { Database } from "../../src/db/database.js";
import type { Logger } from "../../src/logger.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackOptions } from "./fake-slack-api.js";
import type { DemoPersonKey } from "./fixtures.js";
import { SIGNING_SECRET } from "./slack-requests.js";

/** Slack user ids of the demo people (the fake Slack knows their e-mail addresses). */
export const slackUser: Record<DemoPersonKey, string> = {
  coordinator: "UCOORD",
  bakeryHr: "UBAKERYHR",
  bakeryDirector: "UBAKERYDIR",
  logisticsHr: "ULOGISTICS",
  careBuyer: "UCAREBUYER",
  englishSpeaker: "UENGLISH",
};

export interface SlackHarness {
  app: RunningApp;
  fake: FakeSlackApi;
  close(): Promise<void>;
}

/**
 * The real app (Bolt on the shared express app) with its Web API client pointed at a fake Slack.
 * `fakeOptions` configures that fake further (e.g. postMessagesPerSecond); `logger` replaces the silent one;
 * `env` adds settings (e.g. PUBLIC_URL).
 */
export async function startSlackHarness(
  db: Database,
  extraUsers: Record<string, string> = {},
  fakeOptions: Omit<FakeSlackOptions, "users"> = {},
  logger?: Logger,
  env: Record<string, string> = {},
): Promise<SlackHarness> {
  const users = Object.fromEntries(Object.entries(slackUser).map(([key, id]) => [id, demoEmails[key as DemoPersonKey]]));
  const fake = await startFakeSlackApi({ ...fakeOptions, users: { ...users, ...extraUsers } });
  const app = await startTestApp(db, { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_API_URL: fake.url, ...env }, { logger });
  return {
    app,
    fake,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
