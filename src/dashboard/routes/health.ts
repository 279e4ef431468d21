import express, { type Router } from "express";
import { z } from "zod";
import { networkHealth } from "../../core/insights/network-health.js";
import { HEALTH_CHARTS, healthChartPng } from "../health-charts.js";
import { HEALTH_PATH, healthPage } from "../pages/health.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";

const chartParam = z.enum(HEALTH_CHARTS);

/** Coordinators: network health (response, attendance, activity, growth), charts and tables. */
export function healthRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(HEALTH_PATH, async (_req, res) => {
    const result = await networkHealth(deps, viewer(res));
    if (!answered(res, result)) return;
    // The images change with the figures; the version keeps a browser from showing yesterday's.
    const h = result.value;
    const version = [h.members.active, h.members.silent, h.attendance.length, ...h.responseRate.map((q) => q.reported)].join("-");
    res.type("html").send(healthPage(pageContext(res), h, version));
  });

  router.get(`${HEALTH_PATH}/:chart.png`, async (req, res, next) => {
    const chart = chartParam.safeParse(req.params.chart);
    if (!chart.success) return next();
    const result = await networkHealth(deps, viewer(res));
    if (!answered(res, result)) return;
    res.type("png").send(await healthChartPng(pageContext(res).t, result.value, chart.data));
  });

  return router;
}
