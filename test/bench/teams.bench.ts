import { fork, type ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Application } from "@microsoft/teams-ai";
import autocannon from "autocannon";
import express from "express";
import { startApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createTeamsAdapter } from "../../src/platforms/teams/adapter.js";
import type { Database } from "../../src/db/database.js";
import { createTestDatabase, type DatabaseKind } from "../support/databases.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";
import { message, postActivity, teamsUser, tenantId } from "../support/teams-activities.js";
import { channelClaims, standInForAzureAd, startFakeOpenId, teamsAppEnv } from "../support/teams-channel-auth.js";
import type { FakeOpenId } from "../support/fake-openid.js";
import { seedLinkedContacts } from "./large-network.js";
import { closedLoop, collectGarbage, median, ms, pairedP99Ratio, ratios, verdict } from "./stats.js";

// Issue 4 target: a command message through the full app (identity, database, chat layer,
// Adaptive Card, reply to the connector) at 50 concurrent requests has a p99 within 1.5× of a
// minimal teams-ai app that answers a constant text, measured in the same run.
const CONNECTIONS = 50;
const SECONDS = 5;
const COLD_PEOPLE = 1_000;
// Alternating rounds, the median of their ratios taken: a busy shared machine hits both apps alike.
const ROUNDS = 7;
// "help" measures the adapter and chat layer alone; "rapportages" adds the person's database reads.
const COMMANDS = ["help", "rapportages"];

// Both apps run as deployed, with an app id: every activity carries a channel token (one, valid
// for the whole run) that each verifies against the published keys of a local fake.
let authorization = "";

export async function run(): Promise<void> {
  const connector = await startConnectorProcess();
  const openId = await startFakeOpenId();
  standInForAzureAd();
  authorization = `Bearer ${openId.token(channelClaims(connector.url))}`;
  try {
    const minimal = await startMinimalBot(openId);
    for (const kind of ["pglite", "postgres"] as const) await compare(kind, connector, minimal.url, openId);
    minimal.server.close();
  } finally {
    connector.process.disconnect();
    await openId.close();
  }
}

interface ConnectorProcess {
  url: string;
  process: ChildProcess;
  /** Drops the replies it recorded, so its memory stays flat over the rounds. */
  reset(): Promise<void>;
}

async function compare(kind: DatabaseKind, connector: ConnectorProcess, minimalUrl: string, openId: FakeOpenId) {
  const handle = await createTestDatabase(kind);
  await seedDemo(handle.db);
  // Same work as the minimal app: no scheduler ticks or outbox polling during the measurement.
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DEMO_DATA: "off", LOG_LEVEL: "silent", SCHEDULER: "off", ...teamsAppEnv(openId) });
  const app = await startApp(config, { logger: createLogger("silent", false), now: () => fixedNow, database: handle.db });
  try {
    for (const command of COMMANDS) {
      const activity = message(connector, teamsUser("bakeryHr"), command);
      const first = await postActivity(app.url, activity, authorization); // links the identity, stores the conversation
      if (first.status !== 200) throw new Error(`full app answered ${first.status}`);
      const body = JSON.stringify(activity);

      await load(minimalUrl, body, 2); // warm-up both
      await load(app.url, body, 2);
      const bases: Awaited<ReturnType<typeof load>>[] = [];
      const fulls: Awaited<ReturnType<typeof load>>[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        // Which app goes first alternates too, so neither always runs on the other's garbage.
        const runBase = async () => bases.push(await load(minimalUrl, body, SECONDS));
        const runFull = async () => fulls.push(await load(app.url, body, SECONDS));
        for (const run of round % 2 === 0 ? [runBase, runFull] : [runFull, runBase]) await run();
        await connector.reset();
      }
      const [base, full] = [medianRun(bases), medianRun(fulls)];
      const { ratio, rounds } = pairedP99Ratio(bases, fulls);
      console.log(`${kind} "${command}": minimal teams-ai app p50 ${ms(base.p50)}, p99 ${ms(base.p99)} (${base.requests} req, ${base.errors} errors); ` +
        `full app p50 ${ms(full.p50)}, p99 ${ms(full.p99)} (${full.requests} req, ${full.errors} errors); ` +
        `p99 ratio per round ${ratios(rounds)}, median ${ratio.toFixed(2)}×  target ≤ 1.5×: ${verdict(ratio <= 1.5 && full.errors === 0)}`);
    }
    await measureCold(kind, handle.db, connector, app.url, minimalUrl);
  } finally {
    await app.close();
    await handle.drop();
  }
}

/**
 * Each person's first message of the day: the identity and the employer's reports come from the
 * database (the read cache does not hold them yet). 50 at a time, every message a new person.
 */
async function measureCold(kind: DatabaseKind, db: Database, connector: ConnectorProcess, appUrl: string, minimalUrl: string) {
  const users = await seedLinkedContacts(db, COLD_PEOPLE, "TEAMS", tenantId, (i) => `aad-contact-${i}`);
  const activities = users.map((aadObjectId, i) => message(connector, { id: `29:contact-${i}`, aadObjectId, name: `Contact ${i}` }, "rapportages"));
  const send = (url: string) => async (i: number) => {
    const answer = await postActivity(url, activities[i], authorization);
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
  };
  const full = await closedLoop(activities.length, CONNECTIONS, send(appUrl));
  const base = await closedLoop(activities.length, CONNECTIONS, send(minimalUrl));
  await connector.reset();
  console.log(`${kind} "rapportages", first message of ${COLD_PEOPLE} people (read cache empty), ${CONNECTIONS} at a time: ` +
    `minimal teams-ai app p50 ${ms(base.p50)}, p99 ${ms(base.p99)} | full app p50 ${ms(full.p50)}, p99 ${ms(full.p99)} (${(full.p99 / base.p99).toFixed(2)}×, for information)`);
}

function medianRun(runs: Array<{ p50: number; p99: number; requests: number; errors: number }>) {
  return {
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((n, r) => n + r.requests, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

async function load(baseUrl: string, body: string, seconds: number) {
  collectGarbage();
  const result = await autocannon({
    url: `${baseUrl}/api/messages`,
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  const errors = result.errors + result.non2xx;
  return { p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, errors };
}

async function startConnectorProcess(): Promise<ConnectorProcess> {
  const child = fork(new URL("./connector-process.ts", import.meta.url), { execArgv: ["--import", "tsx"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`fake Bot Connector process exited with ${code}`)));
  });
  const reset = () =>
    new Promise<void>((resolve) => {
      child.once("message", () => resolve());
      child.send("reset");
    });
  return { url, process: child, reset };
}

/** The comparison: the same adapter (and authentication) and Application, answering a constant text. */
async function startMinimalBot(openId: FakeOpenId): Promise<{ url: string; server: Server }> {
  const adapter = createTeamsAdapter(loadConfig(teamsAppEnv(openId)).env);
  const bot = new Application({ adapter, startTypingTimer: false });
  bot.activity("message", async (context) => {
    await context.sendActivity("pong");
  });
  const http = express();
  http.post("/api/messages", express.json(), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await bot.run(context);
    });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
