import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { spawnBot } from "../support/bot-process.js";
import { describeEachDatabase } from "../support/databases.js";
import { seedDemo } from "../support/fixtures.js";
import { startSlackHarness } from "../support/slack-app.js";
import { startTestApp } from "../support/test-app.js";

// Issue 15.2: demo mode (the pick-anyone playground and an anonymous Teams endpoint) is chosen,
// never what the bot silently falls into when its platform settings are missing.

interface Started {
  url: string;
  log: Record<string, unknown>;
  stop(): Promise<void>;
}

/** Starts src/main.ts in `cwd`: resolves with its start log line, or rejects with its output when it exits. */
function startBot(cwd: string, env: Record<string, string>): Promise<Started> {
  const child = spawnBot(env, cwd);
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((l) => l.includes("Netwerkbot draait op"));
      if (!line) return;
      const log = JSON.parse(line) as Record<string, unknown>;
      const url = String(log.url);
      resolve({ url, log, stop: async () => void (child.kill("SIGTERM"), await exited) });
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    void exited.then((code) => reject(Object.assign(new Error(`exited with ${code}`), { code, output })));
  });
}

async function refusal(cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const started = await startBot(cwd, env);
    await started.stop();
  } catch (error) {
    return error as { code: number; output: string };
  }
  throw new Error("the bot started");
}

describe("npm start without Slack or Teams", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "netwerkbot-demo-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("on a fresh clone shows the playground with the demo network, listening on loopback only", async () => {
    const bot = await startBot(dir, { PORT: "0", SCHEDULER: "off" });
    try {
      expect(bot.log).toMatchObject({ database: "pglite", demo: true, host: "127.0.0.1" });
      const port = new URL(bot.url).port;
      const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(page).toContain("Sanne Coördinator");
    } finally {
      await bot.stop();
    }
  }, 90_000);

  it("refuses to start with DEMO=off, and says in Dutch what to set", async () => {
    const { code, output } = await refusal(dir, { PORT: "0", DEMO: "off" });
    expect(code).toBe(78);
    expect(output).toContain("DEMO: DEMO=off en geen Slack of Teams ingesteld.");
    expect(output).toContain("SLACK_SIGNING_SECRET");
    expect(output).toContain("MICROSOFT_APP_ID");
  }, 90_000);
});

// The embedded database with a real network in it is refused the same way (ConfigError, which
// main.ts turns into exit 78 as above); in-process, so both databases are covered.
describeEachDatabase("demo mode at start", (use, kind) => {
  it("DEMO=auto does not start on a database with a real network", async () => {
    await seedDemo(use());
    await use().prisma.network.create({ data: { slug: "99vantwente", name: "99vanTwente" } });

    const started = startTestApp(use(), { DEMO: "auto" });

    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(kind === "pglite" ? /bevat een netwerk naast het demonetwerk/ : /op PostgreSQL start de demo-modus niet vanzelf/);
  });

  it("mounts nothing anonymous once Slack is configured: no playground, no unsigned /api/messages", async () => {
    await seedDemo(use());
    const slack = await startSlackHarness(use());
    try {
      const activity = { type: "message", channelId: "emulator", serviceUrl: "http://127.0.0.1:9/", from: { id: "sanne.coordinator@example.nl" }, conversation: { id: "c" }, recipient: { id: "b" }, text: "status" };
      const teams = await fetch(`${slack.app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });
      expect(teams.status).toBe(404);
      expect((await fetch(`${slack.app.url}/`)).status).toBe(404);
      expect(await use().prisma.platformIdentity.count()).toBe(0);
    } finally {
      await slack.close();
    }
  });
});
