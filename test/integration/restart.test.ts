import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function runChild(dataDir: string): Promise<{ stdout: string; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "test/support/kill-after-write.ts", dataDir], (error, stdout) => {
      resolve({ stdout, signal: (error as (Error & { signal?: NodeJS.Signals }) | null)?.signal ?? null });
    });
  });
}

it("keeps a submitted report in the PGlite data dir when the process is killed without shutdown", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "netwerkbot-restart-"));
  dirs.push(dataDir);

  const child = await runChild(dataDir);
  expect(child.signal).toBe("SIGKILL");
  const { reportId } = JSON.parse(child.stdout.trim()) as { reportId: string };

  const db = await openDatabase({ kind: "pglite", dataDir });
  try {
    const report = await db.prisma.placementReport.findUnique({ where: { id: reportId }, include: { employer: true } });
    expect(report).toMatchObject({ realised: 7, version: 1, employer: { ambition: 12 } });
    expect(await db.prisma.placementReportRevision.count({ where: { reportId } })).toBe(1);
  } finally {
    await db.close();
  }
}, 60_000);
