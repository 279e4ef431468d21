import { spawn, type ChildProcess } from "node:child_process";
import { tmpdir } from "node:os";
import { resolve } from "node:path";

const entryPoint = resolve("src/main.ts");
// Resolved here, so the bot can run in any directory.
const tsx = import.meta.resolve("tsx");

/**
 * The real entry point (src/main.ts) in a process of its own, with only PATH and `env` as its
 * environment. It runs in `cwd`, by default an empty temporary directory, so a developer's own
 * .env file never leaks into a test.
 */
export function spawnBot(env: Record<string, string>, cwd: string = tmpdir(), entry: string = entryPoint): ChildProcess {
  return spawn(process.execPath, ["--import", tsx, resolve(entry)], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}
