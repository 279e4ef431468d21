import { pino } from "pino";
import type { Database } from "../../src/db/database.js";
import { startSlackHarness, type SlackHarness } from "./slack-app.js";

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
  return { ...(await startSlackHarness(db, {}, {}, logger)), logs };
}
