import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnBot } from "../support/bot-process.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs src/main.ts until it exits (a refusal), or until it prints its start line (then `running`). */
function runBot(cwd: string, env: Record<string, string>) {
  const child = spawnBot({ PORT: "0", HOST: "127.0.0.1", SCHEDULER: "off", ...env }, cwd);
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk: Buffer) => void (out.stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => void (out.stderr += chunk.toString()));
  const exited = new Promise<Run>((resolve) => child.once("exit", (code) => resolve({ code, ...out })));
  const started = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const line = out.stdout.split("\n").find((l) => l.includes("Netwerkbot draait op"));
      if (line) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    void exited.then((run) => reject(Object.assign(new Error(`exited with ${run.code}: ${run.stderr}`), run)));
  });
  started.catch(() => {});
  return { started, exited, output: async () => out.stdout, stop: async () => (child.kill("SIGTERM"), exited) };
}

const STACK_FRAME = /^\s+at .+/m;

describe("start-up: JSON logs, a Dutch line saying what runs, known failures without a stack trace", () => {
  let dir: string;
  let first: ReturnType<typeof runBot>;
  let firstLog: Record<string, unknown>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "netwerkbot-startup-"));
    first = runBot(dir, { DATA_DIR: "./data" });
    firstLog = await first.started;
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs JSON lines when stdout is no terminal, the start line naming the database, the platforms and the URL", async () => {
    const stdout = await first.output();
    const lines = stdout.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(firstLog.msg).toMatch(/^Netwerkbot draait op http:\/\/(localhost|127\.0\.0\.1):\d+ — database: ingebouwd \(PGlite\) in \.\/data; platforms: demo-modus/);
    expect(firstLog).toMatchObject({ level: 30, database: "pglite", demo: true, slack: false, teams: false });
    expect(String(firstLog.msg)).toContain(String(firstLog.url));
  });

  it("refuses a second instance on the same data dir with the cause, exit code 75 and no stack trace", async () => {
    const second = await runBot(dir, { DATA_DIR: "./data" }).exited;
    expect(second.code).toBe(75);
    expect(second.stderr).toMatch(/^Netwerkbot start niet: De datamap \.\/data is al in gebruik door proces \d+\./);
    expect(second.stderr).not.toMatch(STACK_FRAME);
  }, 60_000);

  it("refuses a port in use with the cause and no stack trace", async () => {
    const port = new URL(String(firstLog.url)).port;
    const other = mkdtempSync(join(tmpdir(), "netwerkbot-startup-port-"));
    try {
      const run = await runBot(other, { DATA_DIR: "./data", PORT: port }).exited;
      expect(run.code).toBe(75);
      expect(run.stderr).toContain(`Netwerkbot start niet: 127.0.0.1:${port} is al in gebruik`);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // A new data dir is created and migrated before the port is tried: slow on a loaded machine.
  }, 180_000);

  it("refuses bad configuration naming the variable, exit code 78 and no stack trace", async () => {
    const run = await runBot(dir, { DATA_DIR: "./data", PORT: "drieduizend" }).exited;
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/^Ongeldige configuratie:\n {2}- PORT: /);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stdout).toBe("");
  }, 60_000);
});
