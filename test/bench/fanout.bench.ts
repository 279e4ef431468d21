import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { runDueCampaigns } from "../../src/core/campaigns/run-due.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { createSlackSender } from "../../src/platforms/slack/sender.js";
import { createTestDatabase } from "../support/databases.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { postsPerRecipient, seedFanoutNetwork, userId } from "../e2e/multi-instance-fleet.js";

// Fan-out of one campaign moment to 10,000 Slack DMs through the real Slack sender, against the
// local fake Web API, which answers 429 + Retry-After above a fixed rate. Nothing can beat
// recipients ÷ rate (the floor); target ≤ 1.10× the floor with zero duplicates and zero missing.
const RECIPIENTS = Number(process.env.FANOUT_RECIPIENTS ?? 10_000);
const RATE = Number(process.env.FANOUT_RATE ?? 200);
const TARGET = 1.1;

export async function run(): Promise<void> {
  const handle = await createTestDatabase("postgres");
  const fake = await fakeInChildProcess();
  try {
    await seedFanoutNetwork(handle.db, RECIPIENTS);
    const db = handle.db.prisma;
    const worker = new OutboxWorker({
      db,
      now: () => new Date(),
      senders: [createSlackSender({ apiUrl: fake.url, tokenForTeam: async () => "xoxb-bench" })],
      ratePerSecond: { SLACK: RATE },
      batchSize: 200,
      concurrency: 32,
      idleMs: 50,
    });

    const started = performance.now();
    const run = (await runDueCampaigns(db, new Date(), "bench")).find((r) => r.job.endsWith(":open"));
    const enqueuedMs = performance.now() - started;
    worker.start();
    while ((await db.outboxMessage.count({ where: { status: "SENT" } })) < RECIPIENTS) {
      if ((await db.outboxMessage.count({ where: { status: "DEAD" } })) > 0) throw new Error("a message went DEAD");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const totalMs = performance.now() - started;
    await worker.stop();

    const { posts: counted, rateLimited } = await fake.report();
    const posts = new Map(counted);
    const missing = Array.from({ length: RECIPIENTS }, (_, i) => `D${userId(i)}`).filter((c) => !posts.has(c)).length;
    const duplicates = [...posts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const floorMs = (RECIPIENTS / RATE) * 1000;
    const ratio = totalMs / floorMs;
    console.log(`moment: ${run?.job ?? "none"} (${run?.messages ?? 0} enqueued in ${Math.round(enqueuedMs)} ms)`);
    console.log(`recipients ${RECIPIENTS}, fake API limit ${RATE}/s, floor ${(floorMs / 1000).toFixed(1)} s`);
    console.log(`total ${(totalMs / 1000).toFixed(1)} s = ${ratio.toFixed(3)}× the floor; 429 answers ${rateLimited}; duplicates ${duplicates}; missing ${missing}`);
    // The opening transaction (claim + 10,000 outbox rows) is part of the total; shown apart.
    console.log(`delivery alone ${((totalMs - enqueuedMs) / 1000).toFixed(1)} s = ${((totalMs - enqueuedMs) / floorMs).toFixed(3)}× the floor; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    console.log(ratio <= TARGET && duplicates === 0 && missing === 0 ? `OK (target ≤ ${TARGET}×, none doubled or missing)` : `MISSED TARGET (≤ ${TARGET}×, zero duplicates and missing)`);
  } finally {
    await fake.close();
    await handle.drop();
  }
}

/**
 * The far side runs in its own process, as Slack would: in this process its request handling
 * would queue behind the worker's, bunching arrivals into its rate windows.
 */
async function fakeInChildProcess() {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, FANOUT_FAKE_CHILD: "1" }, execArgv: ["--import", "tsx"] });
  const url = await new Promise<string>((resolve) => child.once("message", (m) => resolve((m as { url: string }).url)));
  return {
    url,
    report: () =>
      new Promise<{ posts: Array<[string, number]>; rateLimited: number }>((resolve) => {
        child.once("message", (m) => resolve(m as { posts: Array<[string, number]>; rateLimited: number }));
        child.send("report");
      }),
    close: async () => {
      child.kill("SIGTERM");
    },
  };
}

async function serveFake() {
  const fake = await startFakeSlackApi({ postMessagesPerSecond: RATE });
  process.send!({ url: fake.url });
  process.on("message", () => process.send!({ posts: [...postsPerRecipient(fake.callsTo("chat.postMessage"))], rateLimited: fake.rateLimited }));
}

if (process.env.FANOUT_FAKE_CHILD === "1") void serveFake();
