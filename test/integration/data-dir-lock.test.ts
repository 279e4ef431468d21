import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { DataDirInUseError, LOCK_FILE } from "../../src/db/data-dir-lock.js";

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "netwerkbot-lock-"));
  dirs.push(dir);
  return dir;
}

/** A second process that opens the dir and keeps it; resolves with its pid once it holds it. */
function holder(dataDir: string): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/hold-data-dir.ts", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /open (\d+)/.exec(out);
      if (match) resolve({ child, pid: Number(match[1]) });
    });
    child.on("exit", (code) => reject(new Error(`holder exited with ${code} before opening`)));
  });
}

it("opens a data dir whose lock file a crashed process left, even when that pid runs again (this very process, or another)", async () => {
  for (const pid of [process.pid, process.ppid]) {
    const dataDir = newDataDir();
    // What a crashed bot leaves: the old pid file and the lock file, naming a pid that is alive now.
    writeFileSync(path.join(dataDir, "netwerkbot.pid"), String(pid));
    writeFileSync(path.join(dataDir, LOCK_FILE), String(pid));
    const db = await openDatabase({ kind: "pglite", dataDir });
    await db.ping();
    await db.close();
  }
}, 120_000);

it("refuses a live second process with a message naming it, and lets the dir go when that process is killed", async () => {
  const dataDir = newDataDir();
  const { child, pid } = await holder(dataDir);

  const refused = await openDatabase({ kind: "pglite", dataDir }).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(DataDirInUseError);
  expect((refused as Error).message).toBe(`De datamap ${dataDir} is al in gebruik door proces ${pid}. Stop dat proces of kies een andere DATA_DIR.`);

  // SIGKILL: no unlock ran; the kernel dropped the lock with the process.
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  const db = await openDatabase({ kind: "pglite", dataDir });
  await db.ping();
  await db.close();
}, 60_000);

it("refuses a second open of the same dir inside one process, and allows it after close", async () => {
  const dataDir = newDataDir();
  const first = await openDatabase({ kind: "pglite", dataDir });
  await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toThrow(`is al in gebruik door proces ${process.pid}`);
  await first.close();
  const again = await openDatabase({ kind: "pglite", dataDir });
  await again.close();
}, 60_000);
