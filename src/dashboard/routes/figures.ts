import express, { type Router } from "express";
import { attendeesSpreadsheet } from "../../core/events/attendee-export.js";
import { employerFigures } from "../../core/insights/employer-figures.js";
import { dashboardOverview } from "../../core/insights/overview.js";
import { publicFigures } from "../../core/insights/public-figures.js";
import { employerIdParam, quarterParam } from "../../core/insights/schema.js";
import { reportsSpreadsheet } from "../../core/reporting/export-reports.js";
import { personDataSpreadsheet } from "../../core/members/person-data-file.js";
import { reportHistory } from "../../core/reporting/history.js";
import { notFound } from "../../core/result.js";
import { publicChartPng, trendChartPng } from "../charts.js";
import { employerPage } from "../pages/employer.js";
import { employerOverviewPage, networkOverviewPage } from "../pages/overview.js";
import { publicFiguresPage } from "../pages/public.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, sendFile, viewer } from "../session.js";

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

  // The same core functions as chat's `export [xlsx]` and `deelnemers 3 export [xlsx]`: the same bytes.
  for (const format of ["csv", "xlsx"] as const) {
    router.get(`/dashboard/reports.${format}`, async (_req, res) => {
      sendFile(res, await reportsSpreadsheet(deps, viewer(res), { format }));
    });
    router.get(`/dashboard/events/:number/attendees.${format}`, async (req, res) => {
      sendFile(res, await attendeesSpreadsheet(deps, viewer(res), { number: req.params.number, format }));
    });
  }

  // The signed-in person's own data, as chat's `mijn gegevens [xlsx|json]` gives it.
  for (const format of ["csv", "xlsx", "json"] as const) {
    router.get(`/dashboard/my-data.${format}`, async (_req, res) => {
      if (pageContext(res).admin) return void answered(res, notFound());
      sendFile(res, await personDataSpreadsheet(deps, viewer(res), { format }));
    });
  }

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
