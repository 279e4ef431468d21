import { seedLargeNetwork, seedNetworkTreeAtScale } from "./large-network.js";
import { readThrough } from "../../src/db/read-cache.js";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { reportHistory } from "../../src/core/reporting/history.js";
import { periodStatus } from "../../src/core/reporting/period-status.js";
import type { Database } from "../../src/db/database.js";
import { createTestDatabase } from "../support/databases.js";
import { ms, summarise, verdict } from "./stats.js";

// Issue 2 targets: start < 1.5 s on PGlite; period-status p99 < 50 ms on both databases with
// 500 employers × 40 quarters of reports (issue 12: with every field a report has, the ambition
// history and the running total). Issue 12: the roll-up of a parent network over 10 regions ×
// 50 employers × 40 quarters p99 < 100 ms.
const EMPLOYERS = 500;
const QUARTERS = 40;
const STATUS_RUNS = 300;
const REGIONS = 10;
const REGION_EMPLOYERS = 50;
const ROLL_UP_RUNS = 200;

export async function run(): Promise<void> {
  pgliteStartTimes();
  for (const kind of ["pglite", "postgres"] as const) {
    const handle = await createTestDatabase(kind);
    try {
      if (handle.url) console.log(`start PostgreSQL (migrated database): ${ms(probeStart({ DATABASE_URL: handle.url }))}`);
      await statusLatency(kind, handle.db);
    } finally {
      await handle.drop();
    }
    const tree = await createTestDatabase(kind);
    try {
      await rollUpLatency(kind, tree.db);
    } finally {
      await tree.drop();
    }
  }
}

/** Starts a child process that opens the database the way the bot does; returns its ready time. */
function probeStart(env: Record<string, string>): number {
  const output = execFileSync(process.execPath, ["--import", "tsx", "test/bench/start-probe.ts"], {
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
  });
  return (JSON.parse(output.trim()) as { readyMs: number }).readyMs;
}

function pgliteStartTimes() {
  const dir = mkdtempSync(path.join(tmpdir(), "netwerkbot-bench-"));
  try {
    const env = { DATA_DIR: dir, DATABASE_URL: "" };
    const fresh = probeStart(env);
    const warm = Math.min(...[1, 2, 3].map(() => probeStart(env)));
    console.log(`start PGlite, new data dir (all migrations applied): ${ms(fresh)}`);
    console.log(`start PGlite, existing data dir (best of 3): ${ms(warm)}  target < 1500 ms: ${verdict(warm < 1500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * p99 of a bare round trip (SELECT 1) on the same database in the same run: on a loaded machine
 * the absolute figures above say more about the load than the query, the ratio less so.
 */
async function roundTripP99(db: Database): Promise<number> {
  for (let i = 0; i < 20; i++) await db.prisma.$queryRawUnsafe("SELECT 1");
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await db.prisma.$queryRawUnsafe("SELECT 1");
    samples.push(performance.now() - t);
  }
  return summarise(samples).p99;
}

async function statusLatency(kind: "pglite" | "postgres", db: Database) {
  const seedStarted = performance.now();
  const coordinator = await seedLargeNetwork(db, EMPLOYERS, QUARTERS);
  const seedMs = performance.now() - seedStarted;
  const deps = { db: db.prisma, cache: readThrough, now: () => new Date("2026-11-25T10:00:00Z") };
  for (let i = 0; i < 20; i++) await periodStatus(deps, coordinator); // warm-up
  const samples: number[] = [];
  let reported = 0;
  for (let i = 0; i < STATUS_RUNS; i++) {
    const t = performance.now();
    const result = await periodStatus(deps, coordinator, {});
    samples.push(performance.now() - t);
    if (result.ok) reported = result.value.totals.reported;
  }
  const s = summarise(samples);
  console.log(
    `${kind}: period status, ${EMPLOYERS} employers × ${QUARTERS} quarters (seeded in ${ms(seedMs)}), ${s.n} runs: ` +
      `p50 ${ms(s.p50)}, p99 ${ms(s.p99)}  target p99 < 50 ms: ${verdict(s.p99 < 50)}  (reported ${reported}/${EMPLOYERS})`,
  );
  const trip = await roundTripP99(db);
  console.log(`${kind}: SELECT 1 round trip p99 ${ms(trip)} in the same run; status p99 = ${(s.p99 / trip).toFixed(1)}× that`);
}


/** The parent's coordinator: status (per region and in total) and the history, over every region. */
async function rollUpLatency(kind: "pglite" | "postgres", db: Database) {
  const seedStarted = performance.now();
  const coordinator = await seedNetworkTreeAtScale(db, REGIONS, REGION_EMPLOYERS, QUARTERS);
  const seedMs = performance.now() - seedStarted;
  const deps = { db: db.prisma, cache: readThrough, now: () => new Date("2026-11-25T10:00:00Z") };
  const label = `${REGIONS} regions × ${REGION_EMPLOYERS} employers × ${QUARTERS} quarters (seeded in ${ms(seedMs)})`;
  for (const [what, work] of [
    ["roll-up status", () => periodStatus(deps, coordinator, {})],
    ["roll-up history (8 quarters)", () => reportHistory(deps, coordinator, {})],
  ] as const) {
    for (let i = 0; i < 20; i++) await work(); // warm-up
    const samples: number[] = [];
    let check = "";
    for (let i = 0; i < ROLL_UP_RUNS; i++) {
      const t = performance.now();
      const result = await work();
      samples.push(performance.now() - t);
      if (!result.ok) throw new Error(`${what} failed: ${result.error.key}`);
      const v = result.value;
      check = "totals" in v ? `${v.byNetwork.length} networks, reported ${v.totals.reported}/${v.totals.employers}` : `${v.length} quarters, ${v.at(-1)?.byNetwork.length ?? 0} networks`;
    }
    const s = summarise(samples);
    console.log(`${kind}: ${what}, ${label}, ${s.n} runs: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}  target p99 < 100 ms: ${verdict(s.p99 < 100)}  (${check})`);
  }
  console.log(`${kind}: SELECT 1 round trip p99 ${ms(await roundTripP99(db))} in the same run`);
}
