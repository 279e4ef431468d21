import { fork } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "../support/databases.js";
import { startFakeBotConnector } from "../support/fake-bot-connector.js";
import { startFakeSlackApi } from "../support/fake-slack-api.js";
import { seedFanoutNetwork, startInstance, stopInstances } from "../e2e/multi-instance-fleet.js";

// Issue 15.10: three delivery instances (test/support/delivery-process.ts) share one PostgreSQL and
// are told the platforms' limit (OUTBOX_RATE_*: for all instances together). The fake Slack API and
// fake Bot Connector answer 429 above it. Target: total rate 0.95–1.00× the limit per platform,
// and no 429 after the first second.
const RECIPIENTS = Number(process.env.SHARED_RATE_RECIPIENTS ?? 1_200);
const LIMIT = Number(process.env.SHARED_RATE_LIMIT ?? 20);

interface Arrivals {
  accepted: number[];
  limited: number[];
}

export async function run(): Promise<void> {
  const handle = await createTestDatabase("postgres");
  const fakes = await fakesInChildProcess();
  let instances: ReturnType<typeof startInstance>[] = [];
  try {
    await seedFanoutNetwork(handle.db, RECIPIENTS, new Date(), { serviceUrl: fakes.teamsUrl });
    const env = { DATABASE_URL: handle.url!, SLACK_API_URL: fakes.slackUrl, OUTBOX_RATE_SLACK: String(LIMIT), OUTBOX_RATE_TEAMS: String(LIMIT) };
    instances = ["bench-a", "bench-b", "bench-c"].map((name) => startInstance(name, env, "test/support/delivery-process.ts"));
    await Promise.all(instances.map((i) => i.ready));
    const started = performance.now();
    while ((await handle.db.prisma.outboxMessage.count({ where: { status: "SENT" } })) < RECIPIENTS) {
      if ((await handle.db.prisma.outboxMessage.count({ where: { status: "DEAD" } })) > 0) throw new Error("a message went DEAD");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const totalMs = performance.now() - started;
    const report = await fakes.report();
    console.log(`3 instances, ${RECIPIENTS} recipients (half Slack, half Teams), platform limit ${LIMIT}/s each, all sent in ${(totalMs / 1000).toFixed(1)} s`);
    let ok = true;
    for (const [platform, arrivals] of [["Slack", report.slack], ["Teams", report.teams]] as const) {
      const { accepted, limited } = arrivals;
      const first = accepted[0]!;
      const rate = (accepted.length - 1) / ((accepted.at(-1)! - first) / 1000);
      const late429 = limited.filter((at) => at > first + 1_000).length;
      const ratio = rate / LIMIT;
      const fine = ratio >= 0.95 && ratio <= 1.0 && late429 === 0;
      ok &&= fine;
      console.log(`${platform}: ${accepted.length} accepted at ${rate.toFixed(2)}/s = ${ratio.toFixed(3)}× the limit; 429 answers ${limited.length} (${late429} after the first second)`);
    }
    console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
    console.log(ok ? "OK (target 0.95–1.00× the limit, no 429 after the first second)" : "MISSED TARGET (0.95–1.00× the limit, no 429 after the first second)");
  } finally {
    await stopInstances(instances);
    fakes.close();
    await handle.drop();
  }
}

/** Both fakes in a process of their own, as the platforms are: their arrival times are not bent by this one's work. */
async function fakesInChildProcess() {
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, SHARED_RATE_FAKE_CHILD: "1" }, execArgv: ["--import", "tsx"] });
  const urls = await new Promise<{ slackUrl: string; teamsUrl: string }>((resolve) => child.once("message", (m) => resolve(m as { slackUrl: string; teamsUrl: string })));
  return {
    ...urls,
    report: () =>
      new Promise<{ slack: Arrivals; teams: Arrivals }>((resolve) => {
        child.once("message", (m) => resolve(m as { slack: Arrivals; teams: Arrivals }));
        child.send("report");
      }),
    close: () => child.kill("SIGTERM"),
  };
}

async function serveFakes() {
  const slack = await startFakeSlackApi({ postMessagesPerSecond: LIMIT });
  const teams = await startFakeBotConnector({ sendsPerSecond: LIMIT });
  process.send!({ slackUrl: slack.url, teamsUrl: teams.url });
  process.on("message", () =>
    process.send!({
      slack: { accepted: slack.callsTo("chat.postMessage").map((c) => c.at), limited: slack.rateLimitedAt },
      teams: { accepted: teams.rateLog.filter((r) => !r.limited).map((r) => r.at), limited: teams.rateLog.filter((r) => r.limited).map((r) => r.at) },
    }),
  );
}

if (process.env.SHARED_RATE_FAKE_CHILD === "1") void serveFakes();
