import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, ExpressReceiver, LogLevel } from "@slack/bolt";
import autocannon from "autocannon";
import express from "express";
import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import type { Database } from "../../src/db/database.js";
import { createTestDatabase, type DatabaseKind } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { fixedNow, seedDemo } from "../support/fixtures.js";
import { slackUser } from "../support/slack-app.js";
import { FORM, postSlack, SIGNING_SECRET, signatureHeaders, slashBody, TEAM } from "../support/slack-requests.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { seedLinkedContacts } from "./large-network.js";
import { closedLoop, collectGarbage, median, ms, pairedP99Ratio, ratios, verdict } from "./stats.js";

// Issue 3 target: a signed slash command through the full app (signature check, identity,
// database, chat layer, Block Kit reply) at 50 concurrent requests has a p99 within 1.5× of a
// minimal Bolt app answering a constant, measured in the same run, and far inside Slack's 3 s
// ack window. Latency is the HTTP answer, which carries the reply; when more than
// INLINE_CONCURRENCY commands are in progress the ack is empty and the reply follows via
// response_url: those are counted, and the target only holds when there are none.
const CONNECTIONS = 50;
// Rounds run both apps back to back, so a burst of load on this shared machine hits both.
const ROUNDS = 7;
const SECONDS = 5;
// "rapportages" is the target (identity and the employer's reports, both from the read cache once
// read, and a Block Kit reply); "help" reads only the identity, which separates adapter from core.
// Reads the cache does not hold yet are measured apart: COLD_PEOPLE people, one command each.
const COMMANDS = ["rapportages", "help"];
const COLD_PEOPLE = 1_000;

export async function run(): Promise<void> {
  const fake = await startFakeSlackApi({ users: { [slackUser.bakeryHr]: demoEmails.bakeryHr } });
  try {
    const minimal = await startMinimalBolt(fake.url);
    for (const kind of ["pglite", "postgres"] as const) await compare(kind, fake, minimal.url);
    minimal.server.close();
  } finally {
    await fake.close();
  }
}

async function compare(kind: DatabaseKind, fake: FakeSlackApi, minimalUrl: string) {
  const handle = await createTestDatabase(kind);
  await seedDemo(handle.db);
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DEMO_DATA: "off",
    LOG_LEVEL: "silent",
    // Same work as the minimal app: no scheduler ticks or outbox polling during the measurement.
    SCHEDULER: "off",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_API_URL: fake.url,
  });
  const app = await startApp(config, { logger: createLogger("silent", false), now: () => fixedNow, database: handle.db });
  try {
    for (const command of COMMANDS) {
      // A new body (trigger_id) per request: the app takes a signed request once (issue 15.4).
      const body = () => slashBody({ user: slackUser.bakeryHr, text: command, responseUrl: fake.responseUrl("bench") });
      const first = await firstInlineAnswer(app.url, body); // links the identity by e-mail once
      if (first.status !== 200 || !first.text.includes("ephemeral")) throw new Error(`full app answered ${first.status}: ${first.text.slice(0, 200)}`);
      await measure(`${kind}, "/netwerk ${command}"`, minimalUrl, app.url, body, async (load) => {
        // Commands acked at once under load are answered through response_url afterwards: their
        // answer is not in the ack latency, so they are counted and must be none.
        const before = fake.responses().length;
        const run = await load();
        const started = performance.now();
        await app.slack!.stop();
        return { ...run, deferred: fake.responses().length - before, drainMs: performance.now() - started };
      });
    }
    await measureCold(kind, handle.db, fake, app, minimalUrl);
  } finally {
    await app.close();
    await handle.drop();
  }
}

/**
 * Each person's first command of the day: the identity and the employer's reports come from the
 * database (the read cache does not hold them yet). 50 at a time, every request a new person.
 */
async function measureCold(kind: DatabaseKind, db: Database, fake: FakeSlackApi, app: RunningApp, minimalUrl: string) {
  const users = await seedLinkedContacts(db, COLD_PEOPLE, "SLACK", TEAM, (i) => `UCONTACT${i}`);
  const bodies = users.map((user) => slashBody({ user, text: "rapportages", responseUrl: fake.responseUrl("cold") }));
  // Each signed when sent, as Slack does.
  const send = (url: string) => async (i: number) => {
    const answer = await postSlack(url, bodies[i]!, FORM);
    if (answer.status !== 200) throw new Error(`answered ${answer.status}`);
  };
  const before = fake.responses().length;
  const full = await closedLoop(bodies.length, CONNECTIONS, send(app.url));
  await app.slack!.stop(); // deferred answers are still on their way
  const deferred = fake.responses().length - before;
  const base = await closedLoop(bodies.length, CONNECTIONS, send(minimalUrl));
  console.log(`${kind}, "/netwerk rapportages", first command of ${COLD_PEOPLE} people (read cache empty), ${CONNECTIONS} at a time:`);
  console.log(`  minimal Bolt app p50 ${ms(base.p50)}, p99 ${ms(base.p99)} | full app p50 ${ms(full.p50)}, p99 ${ms(full.p99)}, ${deferred} answers deferred (${(full.p99 / base.p99).toFixed(2)}×, for information)`);
}

type Counted = (load: () => Promise<Run>) => Promise<Run>;

async function measure(label: string, minimalUrl: string, appUrl: string, body: () => string, counted: Counted) {
  await load(minimalUrl, body, 2); // warm-up both
  await counted(() => load(appUrl, body, 2));
  const bases: Run[] = [];
  const fulls: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Which app goes first alternates too, so neither always runs on the other's garbage.
    const runBase = async () => bases.push(await load(minimalUrl, body, SECONDS));
    const runFull = async () => fulls.push(await counted(() => load(appUrl, body, SECONDS)));
    for (const run of round % 2 === 0 ? [runBase, runFull] : [runFull, runBase]) await run();
  }
  for (let round = 0; round < ROUNDS; round++) {
    console.log(`${label}: round ${round + 1}: minimal p99 ${ms(bases[round]!.p99)} ${bases[round]!.rps.toFixed(0)} req/s | full p99 ${ms(fulls[round]!.p99)} ${fulls[round]!.rps.toFixed(0)} req/s, of which answered later via response_url: ${fulls[round]!.deferred} (all delivered ${ms(fulls[round]!.drainMs ?? 0)} after the load stopped)`);
  }
  const base = medianRun(bases);
  const full = medianRun(fulls);
  const { ratio, rounds } = pairedP99Ratio(bases, fulls);
  const deferred = fulls.reduce((n, r) => n + (r.deferred ?? 0), 0);
  console.log(`${label}: median of ${ROUNDS} rounds at ${CONNECTIONS} connections (p99 ratio per round: ${ratios(rounds)})`);
  console.log(`  minimal Bolt app: p50 ${ms(base.p50)}, p99 ${ms(base.p99)}, ${base.rps.toFixed(0)} req/s (${base.errors} errors)`);
  console.log(`  full app:         p50 ${ms(full.p50)}, p99 ${ms(full.p99)}, ${full.rps.toFixed(0)} req/s (${full.errors} errors, ${deferred} answers deferred)`);
  // A deferred answer reaches the person later than its ack: the p99 only counts when there are none.
  const met = ratio <= 1.5 && deferred === 0 && full.errors === 0;
  console.log(`  p99 ratio full/minimal, median of the rounds: ${ratio.toFixed(2)}×  target ≤ 1.5× with every answer in the ack: ${verdict(met)}; p99 < 3 s ack window: ${verdict(full.p99 < 3000)}`);
}

type Run = Awaited<ReturnType<typeof load>> & { deferred?: number; drainMs?: number };

function medianRun(runs: Run[]): Run {
  const pick = (key: "p50" | "p99" | "rps" | "requests") => median(runs.map((r) => r[key]));
  return { p50: pick("p50"), p99: pick("p99"), rps: pick("rps"), requests: pick("requests"), errors: Math.max(...runs.map((r) => r.errors)) };
}

async function load(baseUrl: string, makeBody: () => string, seconds: number) {
  collectGarbage();
  // Each request a new body, signed as it is sent, as Slack does: a replayed signed request is
  // acked empty and dropped (issue 15.4), which would measure the replay check, not the command.
  const result = await autocannon({
    url: `${baseUrl}/slack/events`,
    method: "POST",
    requests: [
      {
        setupRequest: (request) => {
          const body = makeBody();
          return { ...request, body, headers: { ...request.headers, "content-type": FORM, ...signatureHeaders(body) } };
        },
      },
    ],
    connections: CONNECTIONS,
    duration: seconds,
  });
  const errors = result.errors + result.non2xx;
  return { p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, requests: result.requests.total, errors };
}

/** The comparison: Bolt's own ExpressReceiver and signature check, acking a constant reply. */
async function startMinimalBolt(apiUrl: string): Promise<{ url: string; server: Server }> {
  const http = express();
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, app: http, logLevel: LogLevel.ERROR });
  const bolt = new App({ receiver, token: "xoxb-bench", clientOptions: { slackApiUrl: apiUrl }, logLevel: LogLevel.ERROR });
  bolt.command("/netwerk", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "pong" });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = http.listen(0, "127.0.0.1", () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

// After a round of load the app may still be answering deferred commands via response_url, and
// acks new ones empty until that work drains: wait for an inline answer before measuring.
async function firstInlineAnswer(url: string, body: () => string) {
  let answer = await postSlack(url, body(), FORM);
  for (let attempt = 0; attempt < 60 && answer.status === 200 && !answer.text.includes("ephemeral"); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    answer = await postSlack(url, body(), FORM);
  }
  return answer;
}
