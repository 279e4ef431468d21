import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { openDatabase } from "../../src/db/database.js";
import type { Database } from "../../src/db/database.js";
import { demoEmails } from "../../src/demo/demo-data.js";
import { translator } from "../../src/i18n/index.js";
import { createTestDatabase } from "../support/databases.js";
import { startFakeOpenId } from "../support/fake-openid.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { seedDemo } from "../support/fixtures.js";
import { slackUser } from "../support/slack-app.js";
import { FORM, postSlack, SIGNING_SECRET, signatureHeaders, slashBody, TEAM } from "../support/slack-requests.js";
import { message, postActivity, teamsRoster, teamsUser } from "../support/teams-activities.js";
import { channelClaims, teamsAppEnv } from "../support/teams-channel-auth.js";
import { startFakeBotConnector } from "../support/fake-bot-connector.js";
import { seedLinkedContacts } from "./large-network.js";
import { closedLoop, median, ms, ratios, verdict } from "./stats.js";

// Issue 16 targets, for the bot as it runs in production (`node dist/main.js`, compiled), each
// as a ratio to a baseline process measured in the same run (see baseline-process.mjs):
//   start to /readyz on an existing PGlite data dir ≤ 1.5× the floor (Node + PGlite open + Bolt import)
//   idle RSS ≤ 1.25× that floor on PGlite; on PostgreSQL ≤ 1.5× a bare Bolt process
//   RSS after 10,000 commands within 10 % of idle
//   CPU-µs per `/netwerk rapportages` and per Teams message ≤ 1.2× a minimal Bolt / teams-ai app
//   first command of 1,000 new people, 50 at a time: p99 ≤ 1.5× the minimal app, none deferred
// Every process is measured from outside: its start from spawn to the first 200 on /readyz, its
// RSS and CPU time from /proc, so the load generator's own work is in none of the figures.
const root = resolve(".");
const START_ROUNDS = 3;
const SETTLE_MS = 3_000;
const CPU_ROUNDS = 3;
const COMMANDS_PER_ROUND = 2_500;
const TOTAL_COMMANDS = 10_000;
// At most INLINE_CONCURRENCY (8) commands in progress are answered in the ack; CPU is measured
// there, so both apps do the same work per request. First contact runs 50 at a time, as asked.
const CPU_CONNECTIONS = 8;
const FIRST_CONTACT_PEOPLE = 1_000;
const FIRST_CONTACT_CONCURRENCY = 50;
// Failed requests of the CPU loads (errors, non-2xx, timeouts): printed with each CPU figure.
let loadErrors = 0;
const BUSY_TEXT = translator("nl")("chat.busy");
const CLOCK_TICK_US = 1_000_000 / Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim() || 100);

export async function run(): Promise<void> {
  const built = spawnSync(process.execPath, [join(root, "src/build.mjs"), "--if-stale"], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
  console.log("(a shared, loaded machine: the ratios, each taken within one run, are the figures to read)");
  const fake = await startFakeSlackApi({ users: { [slackUser.bakeryHr]: demoEmails.bakeryHr } });
  try {
    await pglite(fake);
    await postgres(fake);
    await teams();
  } finally {
    await fake.close();
  }
}

function slackEnv(fake: FakeSlackApi): Record<string, string> {
  return { LOG_LEVEL: "info", SCHEDULER: "off", DEMO_DATA: "off", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-bench", SLACK_API_URL: fake.url };
}

async function pglite(fake: FakeSlackApi) {
  const dir = mkdtempSync(join(tmpdir(), "netwerkbot-production-bench-"));
  try {
    // An existing data dir: migrated and seeded by a process before the measured starts.
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    const people = await seed(db);
    await db.close();
    const env = { ...slackEnv(fake), DATA_DIR: dir, DATABASE_URL: "" };
    const bot = () => startProcess(process.execPath, [join(root, "dist/main.js")], env);
    const floor = () => startProcess(process.execPath, [join(root, "test/bench/baseline-process.mjs")], { DATA_DIR: dir, BASELINE: "floor-pglite" });
    const { full, base } = await startRounds(bot, floor);
    report("PGlite, existing data dir", "floor (Node + PGlite open + Bolt import)", full, base, 1.25);
    const npm = await startProcess("npm", ["start", "--silent"], env);
    const npmReady = npm.readyMs;
    await npm.stop();
    console.log(`  user-facing: \`npm start\` to /readyz ${seconds(npmReady)} (build up to date); \`node dist/main.js\` ${seconds(median(full.map((r) => r.readyMs)))}, ${mb(median(full.map((r) => r.rssKb)))} RSS idle`);
    await commands("PGlite", fake, env, people);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function postgres(fake: FakeSlackApi) {
  const handle = await createTestDatabase("postgres");
  try {
    const people = await seed(handle.db);
    const env = { ...slackEnv(fake), DATABASE_URL: handle.url! };
    const bot = () => startProcess(process.execPath, [join(root, "dist/main.js")], env);
    const floor = () => startProcess(process.execPath, [join(root, "test/bench/baseline-process.mjs")], { BASELINE: "floor-bolt" });
    const { full, base } = await startRounds(bot, floor);
    report("PostgreSQL", "bare Bolt process (Node + Bolt import)", full, base, 1.5, false);
    console.log(`  user-facing: \`node dist/main.js\` on PostgreSQL to /readyz ${seconds(median(full.map((r) => r.readyMs)))}, ${mb(median(full.map((r) => r.rssKb)))} RSS idle`);
    await commands("PostgreSQL", fake, env, people);
  } finally {
    await handle.drop();
  }
}

/** The demo network (Slack workspace TEAM bound) and FIRST_CONTACT_PEOPLE linked people no process has seen. */
async function seed(db: Database): Promise<string[]> {
  await seedDemo(db);
  return seedLinkedContacts(db, FIRST_CONTACT_PEOPLE, "SLACK", TEAM, (i) => `UCONTACT${i}`);
}

interface Started {
  readyMs: number;
  rssKb: number;
}

/** Alternating starts of the bot and its floor, each stopped after SETTLE_MS idle and its RSS read. */
async function startRounds(bot: () => Promise<Running>, floor: () => Promise<Running>) {
  const full: Started[] = [];
  const base: Started[] = [];
  const once = async (start: () => Promise<Running>, into: Started[]) => {
    const running = await start();
    await sleep(SETTLE_MS);
    into.push({ readyMs: running.readyMs, rssKb: rssKb(running.pid) });
    await running.stop();
  };
  await once(bot, []); // the first start after seeding also writes PGlite's own start-up state
  for (let round = 0; round < START_ROUNDS; round++) {
    for (const [start, into] of round % 2 === 0 ? ([[floor, base], [bot, full]] as const) : ([[bot, full], [floor, base]] as const)) await once(start, into);
  }
  return { full, base };
}

function report(label: string, floorName: string, full: Started[], base: Started[], rssTarget: number, startTarget = true) {
  const ready = median(full.map((r) => r.readyMs)) / median(base.map((r) => r.readyMs));
  const rss = median(full.map((r) => r.rssKb)) / median(base.map((r) => r.rssKb));
  console.log(`${label}: start to /readyz, median of ${START_ROUNDS}: bot ${ms(median(full.map((r) => r.readyMs)))} vs ${floorName} ${ms(median(base.map((r) => r.readyMs)))}: ${ready.toFixed(2)}×` +
    (startTarget ? `  target ≤ 1.5×: ${verdict(ready <= 1.5)}` : " (for information)"));
  console.log(`${label}: idle RSS after ${SETTLE_MS / 1000} s: bot ${mb(median(full.map((r) => r.rssKb)))} vs ${mb(median(base.map((r) => r.rssKb)))}: ${rss.toFixed(2)}×  target ≤ ${rssTarget}×: ${verdict(rss <= rssTarget)}`);
}

/**
 * One bot process taking, in order: the first command of FIRST_CONTACT_PEOPLE new people, then
 * rounds of `/netwerk rapportages` against the minimal Bolt app's, up to TOTAL_COMMANDS, and its
 * RSS before and after.
 */
async function commands(label: string, fake: FakeSlackApi, env: Record<string, string>, people: string[]) {
  const bot = await startProcess(process.execPath, [join(root, "dist/main.js")], env);
  const minimal = await startProcess(process.execPath, [join(root, "test/bench/baseline-process.mjs")], { BASELINE: "minimal-bolt", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url });
  try {
    await sleep(SETTLE_MS);
    const idleKb = rssKb(bot.pid);
    let sent = 0;

    // One person's command first, so the process has run the command path once (a first request
    // to a process that has just started is its own figure, not first contact).
    const body = () => slashBody({ user: slackUser.bakeryHr, text: "rapportages", responseUrl: fake.responseUrl("cpu") });
    let first = await postSlack(bot.url, body(), FORM); // links bakeryHr's identity by e-mail
    for (let attempt = 0; attempt < 5 && first.status !== 200; attempt++) first = await postSlack(bot.url, body(), FORM);
    if (first.status !== 200) throw new Error(`bot answered ${first.status}: ${first.text.slice(0, 200)}`);
    await postSlack(minimal.url, body(), FORM);

    // Not answered within Slack's 3 s Bolt answers 404 (and Slack shows an error): counted, not thrown.
    const firstContact = async (url: string) => {
      const bodies = people.map((user) => slashBody({ user, text: "rapportages", responseUrl: fake.responseUrl("first-contact") }));
      let failed = 0;
      let reset = 0;
      let busy = 0;
      const latency = await closedLoop(bodies.length, FIRST_CONTACT_CONCURRENCY, async (i) => {
        const answer = await postSlack(url, bodies[i]!, FORM).catch(() => undefined);
        if (!answer) reset++;
        else if (answer.status !== 200) failed++;
        // "Het is even erg druk": turned away at MAX_REQUESTS_IN_FLIGHT, quick but no answer.
        else if (answer.text.includes(BUSY_TEXT)) busy++;
      });
      return { ...latency, failed, reset, busy };
    };
    const before = fake.responses().length;
    const full = await firstContact(bot.url);
    sent += people.length + 1;
    await sleep(1_000); // deferred answers are still on their way
    const deferred = fake.responses().length - before;
    const base = await firstContact(minimal.url);
    const contactRatio = full.p99 / base.p99;
    console.log(`${label}: first command of ${people.length} new people, ${FIRST_CONTACT_CONCURRENCY} at a time: minimal Bolt p99 ${ms(base.p99)}, bot p50 ${ms(full.p50)}, p99 ${ms(full.p99)}: ${contactRatio.toFixed(2)}×, ` +
      `${deferred} answers deferred past the ack, ${full.busy} told "busy", ${full.failed} answered with an error status and ${full.reset} connections dropped (minimal: ${base.failed}, ${base.reset})  ` +
      `target ≤ 1.5× and none deferred: ${verdict(contactRatio <= 1.5 && deferred === 0 && full.busy + full.failed + full.reset === 0)}`);

    const warmUp = TOTAL_COMMANDS - people.length - 1 - CPU_ROUNDS * COMMANDS_PER_ROUND;
    await slackLoad(bot.url, body, warmUp);
    await slackLoad(minimal.url, body, warmUp);
    sent += warmUp;
    const fulls: number[] = [];
    const bases: number[] = [];
    for (let round = 0; round < CPU_ROUNDS; round++) {
      const runBase = async () => bases.push(await cpuPerRequest(minimal.pid, () => slackLoad(minimal.url, body, COMMANDS_PER_ROUND)));
      const runFull = async () => fulls.push(await cpuPerRequest(bot.pid, () => slackLoad(bot.url, body, COMMANDS_PER_ROUND)));
      for (const measure of round % 2 === 0 ? [runBase, runFull] : [runFull, runBase]) await measure();
      sent += COMMANDS_PER_ROUND;
    }
    const perRound = fulls.map((f, i) => f / bases[i]!);
    const cpuRatio = median(perRound);
    console.log(`${label}: CPU per "/netwerk rapportages", ${CPU_ROUNDS} rounds of ${COMMANDS_PER_ROUND} at ${CPU_CONNECTIONS} at a time: minimal Bolt ${us(median(bases))}, bot ${us(median(fulls))}: ${cpuRatio.toFixed(2)}× (per round ${ratios(perRound)}, ${loadErrors} failed requests)  target ≤ 1.2×: ${verdict(cpuRatio <= 1.2 && loadErrors === 0)}`);
    loadErrors = 0;

    await sleep(SETTLE_MS);
    const afterKb = rssKb(bot.pid);
    const growth = afterKb / idleKb - 1;
    console.log(`${label}: RSS idle ${mb(idleKb)}, after ${sent} commands ${mb(afterKb)}: ${(growth * 100).toFixed(1)} %  target within 10 %: ${verdict(Math.abs(growth) <= 0.1)}`);
  } finally {
    await bot.stop();
    await minimal.stop();
  }
}

/** `count` signed slash commands, CPU_CONNECTIONS at a time, each body signed as it is sent. */
async function slackLoad(url: string, makeBody: () => string, count: number): Promise<number> {
  const result = await autocannon({
    url: `${url}/slack/events`,
    method: "POST",
    connections: CPU_CONNECTIONS,
    amount: count,
    requests: [
      {
        setupRequest: (request) => {
          const body = makeBody();
          return { ...request, body, headers: { ...request.headers, "content-type": FORM, ...signatureHeaders(body) } };
        },
      },
    ],
  });
  loadErrors += result.errors + result.non2xx + result.timeouts;
  return result.requests.total;
}

/** CPU time (user + system) the process `pid` spent per request while `load` ran, in µs. */
async function cpuPerRequest(pid: number, load: () => Promise<number>): Promise<number> {
  const before = cpuUs(pid);
  const requests = await load();
  await sleep(200); // work the last answers started
  return (cpuUs(pid) - before) / requests;
}

async function teams() {
  const connector = await startConnectorProcess();
  const openId = await startFakeOpenId();
  const dir = mkdtempSync(join(tmpdir(), "netwerkbot-production-bench-teams-"));
  try {
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await seedDemo(db);
    await db.close();
    const authorization = `Bearer ${openId.token(channelClaims(connector.url))}`;
    const env = { ...teamsAppEnv(openId), LOG_LEVEL: "info", SCHEDULER: "off", DEMO_DATA: "off", DATA_DIR: dir, DATABASE_URL: "" };
    const standIn = ["--import", join(root, "test/bench/aad-stand-in.mjs")];
    const bot = await startProcess(process.execPath, [...standIn, join(root, "dist/main.js")], env);
    const minimal = await startProcess(process.execPath, [...standIn, join(root, "test/bench/baseline-process.mjs")], { ...teamsAppEnv(openId), BASELINE: "minimal-teams" });
    try {
      const activity = message(connector, teamsUser("bakeryHr"), "rapportages");
      const first = await postActivity(bot.url, activity, authorization); // links the identity, stores the conversation
      if (first.status !== 200) throw new Error(`bot answered ${first.status}`);
      const body = JSON.stringify(activity);
      const teamsLoad = (url: string, count: number) => httpLoad(`${url}/api/messages`, body, { "content-type": "application/json", authorization }, count);
      await teamsLoad(bot.url, 500);
      await teamsLoad(minimal.url, 500);
      const fulls: number[] = [];
      const bases: number[] = [];
      for (let round = 0; round < CPU_ROUNDS; round++) {
        const runBase = async () => bases.push(await cpuPerRequest(minimal.pid, () => teamsLoad(minimal.url, COMMANDS_PER_ROUND)));
        const runFull = async () => fulls.push(await cpuPerRequest(bot.pid, () => teamsLoad(bot.url, COMMANDS_PER_ROUND)));
        for (const measure of round % 2 === 0 ? [runBase, runFull] : [runFull, runBase]) await measure();
        await connector.reset();
      }
      const perRound = fulls.map((f, i) => f / bases[i]!);
      const ratio = median(perRound);
      console.log(`Teams (PGlite): CPU per "rapportages" message, ${CPU_ROUNDS} rounds of ${COMMANDS_PER_ROUND}: minimal teams-ai app ${us(median(bases))}, bot ${us(median(fulls))}: ${ratio.toFixed(2)}× (per round ${ratios(perRound)}, ${loadErrors} failed requests)  target ≤ 1.2×: ${verdict(ratio <= 1.2 && loadErrors === 0)}`);
      loadErrors = 0;
    } finally {
      await bot.stop();
      await minimal.stop();
    }
  } finally {
    await connector.close();
    await openId.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function httpLoad(url: string, body: string, headers: Record<string, string>, count: number): Promise<number> {
  const result = await autocannon({ url, method: "POST", headers, body, connections: CPU_CONNECTIONS, amount: count });
  loadErrors += result.errors + result.non2xx + result.timeouts;
  return result.requests.total;
}

interface Running {
  pid: number;
  url: string;
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns a server process on a free port and waits for its first 200 on /readyz. */
async function startProcess(command: string, args: string[], env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: command === "npm" ? root : tmpdir(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: `npm start` runs the bot as a grandchild
  });
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited with ${child.exitCode}: ${output}`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (performance.now() - started > 300_000) throw new Error(`${args.join(" ")} not ready after 5 minutes: ${output}`);
    await sleep(10);
  }
  const readyMs = performance.now() - started;
  const pid = command === "npm" ? listenerPid(child.pid!) : child.pid!;
  return { pid, url, readyMs, stop: () => stopGroup(child) };
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once("exit", () => done());
    process.kill(-child.pid!, "SIGTERM");
  });
}

/** The deepest descendant of `pid` (npm → sh → node). */
function listenerPid(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  return children.length > 0 ? listenerPid(children[0]!) : pid;
}

function rssKb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1]);
}

function cpuUs(pid: number): number {
  // Fields after the command name (which may hold spaces) in /proc/<pid>/stat: utime is the 14th, stime the 15th.
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface ConnectorProcess {
  url: string;
  reset(): Promise<void>;
  close(): Promise<void>;
}

async function startConnectorProcess(): Promise<ConnectorProcess> {
  // In this process would put the connector's work beside the load generator's: harmless here,
  // since only the bot's and the minimal app's own CPU time is read.
  const connector = await startFakeBotConnector({ members: teamsRoster() });
  return { url: connector.url, reset: async () => connector.reset(), close: () => connector.close() };
}

const sleep = (msToWait: number) => new Promise((done) => setTimeout(done, msToWait));
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const us = (value: number) => `${value.toFixed(0)} µs`;
