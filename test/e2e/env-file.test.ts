import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnBot } from "../support/bot-process.js";

/** Runs the bot in `cwd` until it says it runs (then stops it) or exits by itself. */
function runBot(cwd: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawnBot(env, cwd);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("Netwerkbot draait")) child.kill("SIGTERM");
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  return new Promise((done) => child.once("exit", (code) => done({ code, output })));
}

describe("settings from a .env file", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "netwerkbot-env-"));
    // Half a Teams set: the bot must refuse to start rather than open an anonymous endpoint.
    writeFileSync(join(dir, ".env"), ["HOST=127.0.0.1", "PORT=0", "DATA_DIR=./data", "DEMO_DATA=off", "SCHEDULER=off", "MICROSOFT_APP_PASSWORD=geheim"].join("\n"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the .env file in the working directory at start", async () => {
    const { code, output } = await runBot(dir, {});
    expect(code).toBe(78);
    expect(output).toContain("MICROSOFT_APP_ID: ontbreekt");
  }, 60_000);

  it("lets the real environment win over the .env file", async () => {
    const { output } = await runBot(dir, { MICROSOFT_APP_PASSWORD: "" });
    expect(output).toContain("Netwerkbot draait");
    expect(output).not.toContain("MICROSOFT_APP_ID");
  }, 60_000);
});
