import { seedLargeNetwork } from "./large-network.js";
import { readThrough } from "../../src/db/read-cache.js";
import { dashboardOverview } from "../../src/core/insights/overview.js";
import { publicFigures } from "../../src/core/insights/public-figures.js";
import { trendChartPng } from "../../src/dashboard/charts.js";
import { networkOverviewPage } from "../../src/dashboard/pages/overview.js";
import type { Database } from "../../src/db/database.js";
import { translator } from "../../src/i18n/index.js";
import { createTestDatabase } from "../support/databases.js";
import { timed } from "./stats.js";

// Issue 6: the dashboard page is built per request. Targets (ours): the overview's queries and
// HTML p99 < 150 ms and a chart PNG p99 < 150 ms for a 500-employer network with 8 quarters,
// so a coordinator never waits noticeably; public figures likewise.
const EMPLOYERS = 500;
const QUARTERS = 8;
const RUNS = 100;

export async function run(): Promise<void> {
  for (const kind of ["pglite", "postgres"] as const) {
    const handle = await createTestDatabase(kind);
    try {
      await measure(kind, handle.db);
    } finally {
      await handle.drop();
    }
  }
}


async function measure(kind: string, db: Database) {
  const coordinator = await seedLargeNetwork(db, EMPLOYERS, QUARTERS);
  const deps = { db: db.prisma, cache: readThrough, now: () => new Date("2026-11-25T10:00:00Z") };
  const t = translator("nl");
  await timed(`${kind}: dashboard overview (queries + HTML), ${EMPLOYERS} employers × ${QUARTERS} quarters`, 150, RUNS, async () => {
    const o = await dashboardOverview(deps, coordinator);
    if (!o.ok || o.value.scope !== "network") throw new Error("overview failed");
    return networkOverviewPage({ t, locale: "nl", csrfToken: "bench" }, o.value);
  });
  await timed(`${kind}: public figures (k-anonymous aggregates)`, 150, RUNS, () => publicFigures(deps, coordinator));
  const overview = await dashboardOverview(deps, coordinator);
  if (!overview.ok || overview.value.scope !== "network") throw new Error("overview failed");
  const trend = overview.value.trend;
  await timed(`${kind}: chart SVG → PNG (resvg, ${trend.length} quarters)`, 150, RUNS, () => trendChartPng(t, trend));
}

