import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../src/db/database.js";
import { translator } from "../../src/i18n/index.js";
import { spawnBot } from "../support/bot-process.js";
import { createTestDatabase, type DatabaseKind } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { FORM, SIGNING_SECRET, signatureHeaders, slashBody, TEAM } from "../support/slack-requests.js";
import { seedLinkedContacts } from "./large-network.js";
import { summarise } from "./stats.js";

// Issue 15.12 target: at 150 signed slash commands a second for SECONDS seconds, offered at that
// rate whatever the answers do (an open loop), every command gets its answer or the "busy"
// refusal with a p99 within 3 s, and the bot's memory stays flat. The bot runs the real entry
// point in a process of its own (Bolt over HTTP, the real database); the load, the fake Slack
// and the response_url receiver run here. Beside it, in the same run: the same bot at a calm
// 15/s, and at 150/s without the bound (MAX_REQUESTS_IN_FLIGHT very high: today's main).
const RATE = 150;
const CALM_RATE = 15;
const SECONDS = Number(process.env.BENCH_OVERLOAD_SECONDS ?? 10);
const PEOPLE = 1_000;
// After the last command, how long to wait for answers still to come via response_url.
const DRAIN_MS = 60_000;
const TARGET_P99_MS = 3_000;
const busy = translator("nl")("chat.busy");
const apology = translator("nl")("error.unexpected");

interface Outcome {
  ms: number;
  kind: "answer" | "busy" | "apology" | "lost" | "error";
  ackMs: number;
}

export async function run(): Promise<void> {
  const fake = await startFakeSlackApi();
  const receiver = await startResponseReceiver();
  try {
    for (const kind of ["pglite", "postgres"] as const) await compare(kind, fake, receiver);
  } finally {
    await fake.close();
    receiver.server.close();
  }
}

async function compare(kind: DatabaseKind, fake: FakeSlackApi, receiver: ResponseReceiver) {
  const seeding = Date.now();
  const target = await seededDatabase(kind);
  console.log(`${kind}: ${PEOPLE} linked contacts with 12 quarters of reports seeded in ${seconds(Date.now() - seeding)}`);
  try {
    const phases: Array<[string, number, Record<string, string>]> = [
      [`calm ${CALM_RATE}/s`, CALM_RATE, {}],
      [`${RATE}/s unbounded (as main)`, RATE, { MAX_REQUESTS_IN_FLIGHT: "10000", HTTP_MAX_CONNECTIONS: "20000" }],
      [`${RATE}/s bounded (default)`, RATE, {}],
    ];
    let calm: ReturnType<typeof describe> | undefined;
    let bounded: ReturnType<typeof describe> | undefined;
    for (const [label, rate, env] of phases) {
      const bot = await startBot({ ...target.env, ...env, SLACK_API_URL: fake.url });
      try {
        const summary = describe(await offer(bot, receiver, rate, `${kind}-${label}`), bot);
        calm ??= summary;
        bounded = summary;
        console.log(
          `${kind} ${label}: ${summary.n} commands; answer or refusal p50 ${seconds(summary.p50)}, p99 ${seconds(summary.p99)} (${(summary.p99 / calm.p99).toFixed(1)}× calm); ` +
            `ack p99 ${seconds(summary.ackP99)}, acks over 3 s ${summary.lateAcks}; answered ${summary.answer}, busy ${summary.busy}, apology ${summary.apology}, lost ${summary.lost}, errors ${summary.error}; ` +
            `RSS ${mb(summary.rssBefore)} → max ${mb(summary.rssMax)} (+${mb(summary.rssMax - summary.rssBefore)})`,
        );
      } finally {
        await bot.stop();
      }
    }
    const ok = bounded!.p99 <= TARGET_P99_MS && bounded!.lost === 0 && bounded!.lateAcks === 0;
    console.log(`${kind} bounded at ${RATE}/s: p99 ${seconds(bounded!.p99)}, target ≤ 3 s with no command lost and every ack within 3 s: ${ok ? "OK" : "MISSED"}`);
  } finally {
    await target.drop();
  }
}

function describe(outcomes: Outcome[], bot: Bot) {
  const s = summarise(outcomes.map((o) => o.ms));
  const count = (kind: Outcome["kind"]) => outcomes.filter((o) => o.kind === kind).length;
  return {
    ...s,
    ackP99: summarise(outcomes.map((o) => o.ackMs)).p99,
    lateAcks: outcomes.filter((o) => o.ackMs > 3_000).length,
    answer: count("answer"),
    busy: count("busy"),
    apology: count("apology"),
    lost: count("lost"),
    error: count("error"),
    rssBefore: bot.rssBefore,
    rssMax: bot.rssMax(),
  };
}

/** Sends RATE commands a second for SECONDS seconds, each on time whatever the earlier ones do. */
async function offer(bot: Bot, receiver: ResponseReceiver, rate: number, prefix: string): Promise<Outcome[]> {
  const total = rate * SECONDS;
  const started = Date.now();
  bot.startSampling();
  const pending: Array<Promise<Outcome>> = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1_000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(command(bot.url, receiver, `${prefix}-${i}`, `U${String(i % PEOPLE).padStart(5, "0")}`));
  }
  const outcomes = await Promise.all(pending);
  bot.stopSampling();
  return outcomes;
}

async function command(url: string, receiver: ResponseReceiver, id: string, user: string): Promise<Outcome> {
  const body = slashBody({ user, text: "rapportages", responseUrl: receiver.url(id) });
  const sent = Date.now();
  let ack: { status: number; text: string };
  try {
    const response = await fetch(`${url}/slack/events`, { method: "POST", headers: { "content-type": FORM, ...signatureHeaders(body) }, body });
    ack = { status: response.status, text: await response.text() };
  } catch {
    return { ms: Date.now() - sent, kind: "error", ackMs: Date.now() - sent };
  }
  const ackMs = Date.now() - sent;
  if (ack.status !== 200) return { ms: ackMs, kind: "error", ackMs };
  if (ack.text !== "") return { ms: ackMs, kind: classify(ack.text), ackMs };
  const followUp = await receiver.wait(id, sent + SECONDS * 1_000 + DRAIN_MS);
  if (!followUp) return { ms: Date.now() - sent, kind: "lost", ackMs };
  return { ms: followUp.at - sent, kind: classify(followUp.text), ackMs };
}

function classify(text: string): Outcome["kind"] {
  if (text.includes(busy)) return "busy";
  if (text.includes(apology)) return "apology";
  return "answer";
}

interface ResponseReceiver {
  server: Server;
  url(id: string): string;
  /** The follow-up sent to `id`'s response_url, or undefined at `deadline`. */
  wait(id: string, deadline: number): Promise<{ at: number; text: string } | undefined>;
}

/** Where the bot sends answers that were not ready within the ack: Slack's response_url. */
async function startResponseReceiver(): Promise<ResponseReceiver> {
  const arrived = new Map<string, { at: number; text: string }>();
  const waiting = new Map<string, (value: { at: number; text: string }) => void>();
  const server = createServer((req, res) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const id = decodeURIComponent((req.url ?? "").replace(/^\/response\//, ""));
      const answer = { at, text: Buffer.concat(chunks).toString("utf8") };
      const waiter = waiting.get(id);
      if (waiter) waiter(answer);
      else arrived.set(id, answer);
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: (id) => `http://127.0.0.1:${port}/response/${encodeURIComponent(id)}`,
    wait(id, deadline) {
      const known = arrived.get(id);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(undefined);
        }, Math.max(0, deadline - Date.now()));
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer);
        });
      });
    },
  };
}

/** A database with PEOPLE contacts linked to Slack, each with twelve quarters of reports. */
async function seededDatabase(kind: DatabaseKind): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const userId = (i: number) => `U${String(i).padStart(5, "0")}`;
  if (kind === "postgres") {
    const handle = await createTestDatabase("postgres");
    await seedLinkedContacts(handle.db, PEOPLE, "SLACK", TEAM, userId);
    return { env: { DATABASE_URL: handle.url! }, drop: () => handle.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), "netwerkbot-overload-"));
  const db: Database = await openDatabase({ kind: "pglite", dataDir: join(dir, "data") });
  await seedLinkedContacts(db, PEOPLE, "SLACK", TEAM, userId);
  await db.close();
  return { env: { DATA_DIR: join(dir, "data") }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

interface Bot {
  url: string;
  rssBefore: number;
  rssMax(): number;
  startSampling(): void;
  stopSampling(): void;
  stop(): Promise<void>;
}

async function startBot(env: Record<string, string>): Promise<Bot> {
  const port = await freePort();
  const child: ChildProcess = spawnBot({
    PORT: String(port),
    HOST: "127.0.0.1",
    SCHEDULER: "off",
    DEMO_DATA: "off",
    // Logging every request would be work the bot does not do in production.
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-bench",
    ...env,
  });
  let output = "";
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-10_000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      gone = true;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (gone) throw new Error(`bot exited during start:\n${output.slice(-2_000)}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  let max = 0;
  let sampler: NodeJS.Timeout | undefined;
  const rssBefore = rss();
  return {
    url,
    rssBefore,
    rssMax: () => max,
    startSampling() {
      max = rss();
      sampler = setInterval(() => (max = Math.max(max, rss())), 100);
    },
    stopSampling() {
      clearInterval(sampler);
      max = Math.max(max, rss());
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
