import express, { type Express } from "express";
import { fileURLToPath } from "node:url";
import { signedChartRouter } from "./chart-route.js";
import { sameOriginOnly } from "./csrf.js";
import { webErrorHandler } from "./errors.js";
import { dashboardRouter, type DashboardOptions } from "./routes.js";
import { signInLimiter } from "./sign-in-limit.js";

const staticDir = fileURLToPath(new URL("./static", import.meta.url));

/** Mounts the dashboard, its shared stylesheet and the signed chart images on the one HTTP app. */
export function mountDashboard(app: Express, options: DashboardOptions): void {
  app.use("/static", express.static(staticDir));
  app.use(signedChartRouter(options.deps, options.logger, options.links));
  // Every sign-in attempt (admin token or link) is counted before the dashboard router sees it;
  // a cross-site post is refused first, so another site cannot use up a visitor's attempts.
  app.post("/dashboard/login", sameOriginOnly, signInLimiter(options), webErrorHandler(options.logger));
  app.use(dashboardRouter(options));
}
