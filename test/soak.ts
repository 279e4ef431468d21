import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `npm run soak`: the multi-instance, SIGKILL and database-outage tests, SOAK_RUNS times in a row
// (default 5), one after the other (each starts three bot processes). Prints per run and in total
// how many messages arrived twice or never. Not part of `npm test`.
const runs = Number(process.env.SOAK_RUNS ?? 5);
const files = (process.env.SOAK_FILES ?? "test/e2e/multi-instance-delivery.test.ts").split(",");

interface Line {
  test: string;
  missing: number;
  duplicates: number;
  rateLimited?: number;
  slackDuplicates?: number;
  teamsDuplicates?: number;
}

const dir = mkdtempSync(join(tmpdir(), "netwerkbot-soak-"));
const totals = { runs: 0, failedRuns: 0, tests: 0, duplicates: 0, missing: 0, rateLimited: 0 };
try {
  for (let run = 1; run <= runs; run++) {
    const report = join(dir, `run-${run}.jsonl`);
    const started = Date.now();
    const result = spawnSync("npx", ["vitest", "run", ...files], { env: { ...process.env, SOAK_REPORT: report }, encoding: "utf8" });
    const lines: Line[] = existsSync(report) ? readFileSync(report, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Line) : [];
    const sum = (key: "missing" | "duplicates" | "rateLimited") => lines.reduce((n, l) => n + (l[key] ?? 0), 0);
    totals.runs++;
    totals.tests += lines.length;
    totals.duplicates += sum("duplicates");
    totals.missing += sum("missing");
    totals.rateLimited += sum("rateLimited");
    if (result.status !== 0) totals.failedRuns++;
    const split = (l: Line) => (l.slackDuplicates === undefined ? "" : ` (Slack ${l.slackDuplicates}, Teams ${l.teamsDuplicates})`);
    const perTest = lines.map((l) => `${l.test}: ${l.duplicates} dubbel${split(l)}, ${l.missing} kwijt`).join("; ");
    console.log(`run ${run}/${runs} ${result.status === 0 ? "ok" : "MISLUKT"} in ${Math.round((Date.now() - started) / 1000)} s — ${perTest || "geen telling"}; 429: ${sum("rateLimited")}`);
    if (result.status !== 0) console.log(result.stdout.split("\n").filter((l) => /FAIL|Error|timed out|Received/.test(l)).slice(0, 8).join("\n"));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `soak: ${totals.runs} runs (${totals.failedRuns} mislukt), ${totals.tests} tests geteld — dubbel ${totals.duplicates}, kwijt ${totals.missing}, 429-antwoorden ${totals.rateLimited}`,
);
process.exit(totals.failedRuns === 0 && totals.duplicates === 0 && totals.missing === 0 ? 0 : 1);
