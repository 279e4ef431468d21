import express, { type Router } from "express";
import { attendeeList } from "../../core/events/attendees.js";
import { employerFigures } from "../../core/insights/employer-figures.js";
import { dashboardOverview } from "../../core/insights/overview.js";
import { publicFigures } from "../../core/insights/public-figures.js";
import { employerIdParam, quarterParam } from "../../core/insights/schema.js";
import { exportReports, REPORT_COLUMNS } from "../../core/reporting/export-reports.js";
import { reportHistory } from "../../core/reporting/history.js";
import { notFound } from "../../core/result.js";
import { toCsv } from "../../shared/csv.js";
import { publicChartPng, trendChartPng } from "../charts.js";
import { employerPage } from "../pages/employer.js";
import { employerOverviewPage, networkOverviewPage } from "../pages/overview.js";
import { publicFiguresPage } from "../pages/public.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, sendCsv, viewer } from "../session.js";

/** The read-only pages: overview, employer figures, charts, exports and the public figures. */
export function figuresRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get("/dashboard", async (req, res) => {
    const actor = viewer(res);
    const quarter = quarterParam.safeParse(req.query.quarter);
    const result = await dashboardOverview(deps, actor, quarter.success ? quarter.data : undefined);
    if (!answered(res, result)) return;
    const o = result.value;
    res.type("html").send(o.scope === "network" ? networkOverviewPage(pageContext(res), o) : employerOverviewPage(pageContext(res), o));
  });

  router.get("/dashboard/chart.png", async (_req, res) => {
    const result = await reportHistory(deps, viewer(res), {});
    if (!answered(res, result)) return;
    res.type("png").send(await trendChartPng(pageContext(res).t, result.value));
  });

  router.get("/dashboard/employers/:employerId", async (req, res) => {
    const id = employerIdParam.safeParse(req.params.employerId);
    const result = id.success ? await employerFigures(deps, viewer(res), id.data) : notFound();
    if (!answered(res, result)) return;
    res.type("html").send(employerPage(pageContext(res), result.value));
  });

  router.get("/dashboard/reports.csv", async (_req, res) => {
    const result = await exportReports(deps, viewer(res));
    if (!answered(res, result)) return;
    sendCsv(res, `rapportages-${deps.now().toISOString().slice(0, 10)}.csv`, toCsv(result.value.rows, [...REPORT_COLUMNS]));
  });

  router.get("/dashboard/events/:number/attendees.csv", async (req, res) => {
    const result = await attendeeList(deps, viewer(res), { number: req.params.number });
    if (!answered(res, result)) return;
    const { attending, maybe, waitlist, declined, guests } = result.value;
    const rows = [
      ...attending.map((a) => ({ ...a, response: "YES", kind: "MEMBER" })),
      ...waitlist.map((a) => ({ ...a, response: "WAITLIST", kind: "MEMBER" })),
      ...maybe.map((a) => ({ ...a, response: "MAYBE", kind: "MEMBER" })),
      ...declined.map((a) => ({ ...a, response: "NO", kind: "MEMBER" })),
      // External guests, marked as such: no employer of the network.
      ...guests.map((g) => ({ name: g.name, employer: null, response: g.waitlisted ? "WAITLIST" : g.response, respondedAt: g.respondedAt, kind: "GUEST" })),
    ];
    sendCsv(res, `deelnemers-${result.value.event.number}.csv`, toCsv(rows, ["name", "employer", "response", "respondedAt", "kind"]));
  });

  router.get("/dashboard/public", async (req, res) => {
    const result = await publicFigures(deps, viewer(res), { minGroupSize: req.query.k });
    if (!answered(res, result)) return;
    res.type("html").send(publicFiguresPage(pageContext(res), result.value));
  });

  router.get("/dashboard/public.png", async (req, res) => {
    const result = await publicFigures(deps, viewer(res), { minGroupSize: req.query.k });
    if (!answered(res, result)) return;
    res.type("png").send(await publicChartPng(pageContext(res).t, result.value));
  });

  return router;
}
