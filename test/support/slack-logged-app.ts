import { pino } from "pino";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { startFakeSlackApi } from "./fake-slack-api.js";
import type { DemoPersonKey } from "./fixtures.js";
import { fixedNow } from "./fixtures.js";
import { slackUser, type SlackHarness } from "./slack-app.js";
import { SIGNING_SECRET } from "./slack-requests.js";

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export const LOG_LEVEL = { info: 30, warn: 40, error: 50 } as const;

/**
 * startSlackHarness, but the app logs into `logs` instead of nowhere: for the suites where what
 * the operator reads in the log is part of the behaviour (a misconfiguration, a skipped link).
 */
export async function startLoggedSlackHarness(db: Database): Promise<SlackHarness & { logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const logger = pino({ level: "info", base: undefined }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const users = Object.fromEntries(Object.entries(slackUser).map(([key, id]) => [id, demoEmails[key as DemoPersonKey]]));
  const fake = await startFakeSlackApi({ users });
  const config = loadConfig({
    NODE_ENV: "test",
    SCHEDULER: "off",
    PORT: "0",
    HOST: "127.0.0.1",
    DEMO_DATA: "off",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_API_URL: fake.url,
  });
  const app = await startApp(config, { logger, now: () => fixedNow, database: db });
  return {
    app,
    fake,
    logs,
    async close() {
      await app.close();
      await fake.close();
    },
  };
}
