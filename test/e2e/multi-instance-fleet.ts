import type { ChildProcess } from "node:child_process";
import { TZDate } from "@date-fns/tz";
import type { Database } from "../../src/db/database.js";
import { spawnBot } from "../support/bot-process.js";

/** Slack team of the fake API (auth.test answers T0001). */
export const TEAM = "T0001";
export const userId = (i: number) => `U${String(i).padStart(6, "0")}`;
export const TEAMS_TENANT = "tenant-fanout";
export const aadId = (i: number) => `aad-${String(i).padStart(6, "0")}`;
/** The stored personal chat of Teams contact `i`. */
export const teamsChat = (i: number) => `a:personal-${aadId(i)}`;

/**
 * A network whose quarter opened before it was "created" long ago, so the first instance to
 * start catches up the opening prompt: `count` reporting contacts, each linked to Slack.
 */
export async function seedFanoutNetwork(db: Database, count: number, now = new Date(), teams?: { serviceUrl: string }): Promise<string> {
  const p = db.prisma;
  const local = new TZDate(now.getTime(), "Europe/Amsterdam");
  const quarterStart = new Date(new TZDate(local.getFullYear(), Math.floor(local.getMonth() / 3) * 3, 1, 0, 0, "Europe/Amsterdam").getTime());
  const network = await p.network.create({
    data: { slug: `fanout-${count}`, name: "Fan-out", reminderOffsetsDays: [], createdAt: new Date(quarterStart.getTime() - 86_400_000) },
  });
  // A reminder round would otherwise be due too; this run is about the opening prompt.
  // Its people write from the test workspace, which serves this network.
  await p.workspaceBinding.create({ data: { networkId: network.id, platform: "SLACK", tenantId: TEAM } });
  const employers = Math.ceil(count / 10);
  await p.employer.createMany({
    data: Array.from({ length: employers }, (_, i) => ({ id: `emp-${i}`, networkId: network.id, name: `Werkgever ${i}`, branche: "Test", sizeBand: "SMALL" as const, location: "Enschede", region: "Twente" })),
  });
  for (let start = 0; start < count; start += 2_000) {
    const slice = Array.from({ length: Math.min(2_000, count - start) }, (_, j) => start + j);
    await p.person.createMany({
      data: slice.map((i) => ({ id: `person-${i}`, networkId: network.id, employerId: `emp-${i % employers}`, name: `Contact ${i}`, email: `c${i}@fanout.example`, reportingContact: true })),
    });
    // With `teams`, every odd contact uses Teams: a personal chat with the bot stored for them.
    const onTeams = (i: number) => teams !== undefined && i % 2 === 1;
    await p.platformIdentity.createMany({
      data: slice.map((i) =>
        onTeams(i)
          ? { personId: `person-${i}`, platform: "TEAMS" as const, tenantId: TEAMS_TENANT, externalUserId: aadId(i) }
          : { personId: `person-${i}`, platform: "SLACK" as const, tenantId: TEAM, externalUserId: userId(i) },
      ),
    });
    if (teams) {
      await p.teamsConversation.createMany({
        data: slice.filter(onTeams).map((i) => ({
          conversationId: teamsChat(i),
          tenantId: TEAMS_TENANT,
          aadObjectId: aadId(i),
          kind: "personal",
          reference: {
            serviceUrl: teams.serviceUrl,
            channelId: "msteams",
            conversation: { id: teamsChat(i), conversationType: "personal", tenantId: TEAMS_TENANT, isGroup: false },
            bot: { id: "28:netwerkbot", name: "Netwerkbot" },
            user: { id: `29:${i}`, name: `Contact ${i}`, aadObjectId: aadId(i) },
          },
        })),
      });
    }
  }
  return network.id;
}

export interface Instance {
  name: string;
  child: ChildProcess;
  output: string[];
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/**
 * One bot process running the real entry point (src/main.ts), or with `entry` another one
 * (test/support/delivery-process.ts: the delivery side with Slack and Teams senders).
 */
export function startInstance(name: string, env: Record<string, string>, entry?: string): Instance {
  const child = spawnBot({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    DEMO_DATA: "off",
    SCHEDULER: "on",
    INSTANCE_ID: name,
    SLACK_SIGNING_SECRET: "multi-instance-test-secret",
    SLACK_BOT_TOKEN: "xoxb-multi-instance-test",
    ...env,
  }, undefined, entry);
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes("Netwerkbot draait")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${output.join("")}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  ready.catch(() => undefined);
  return { name, child, output, ready, exited };
}

export async function stopInstances(instances: Instance[]): Promise<void> {
  for (const instance of instances) if (instance.child.exitCode === null && instance.child.signalCode === null) instance.child.kill("SIGTERM");
  await Promise.all(instances.map((i) => Promise.race([i.exited, new Promise((r) => setTimeout(r, 15_000))])));
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** chat.postMessage calls per DM channel: the fake opens `D<user>` for each user. */
export function postsPerRecipient(calls: Array<{ body: Record<string, unknown> }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(String(call.body.channel), (counts.get(String(call.body.channel)) ?? 0) + 1);
  return counts;
}
