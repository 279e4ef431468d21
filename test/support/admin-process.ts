import { execFile } from "node:child_process";
import { resolve } from "node:path";

const entryPoint = resolve("src/admin/main.ts");
// Resolved here, so the command can run in any directory.
const tsx = import.meta.resolve("tsx");

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run admin -- <args>` as a process of its own (src/admin/main.ts through tsx), with only
 * PATH and `env` as its environment, in `cwd` (an empty directory, so no .env leaks in).
 */
export function runAdminProcess(args: string[], env: Record<string, string>, cwd: string): Promise<AdminRun> {
  return new Promise((done) => {
    execFile(process.execPath, ["--import", tsx, entryPoint, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
