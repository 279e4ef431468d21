import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { z } from "zod";
import type { Actor } from "../core/actor.js";
import { ADMIN_PERSON_ID, endSession, redeemSignInLink, startAdminSession } from "../core/dashboard/sign-in.js";
import type { CoreDeps } from "../core/deps.js";
import { employerFigures } from "../core/insights/employer-figures.js";
import { attendeeList } from "../core/events/attendees.js";
import { exportReports, REPORT_COLUMNS } from "../core/reporting/export-reports.js";
import { dashboardOverview } from "../core/insights/overview.js";
import { publicFigures } from "../core/insights/public-figures.js";
import { employerIdParam, quarterParam } from "../core/insights/schema.js";
import { notFound, type Result } from "../core/result.js";
import { translator, type Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { adminTokenMatches, clearSessionCookie, readCookie, rememberNetwork, SESSION_COOKIE, setSessionCookie, viewerOf } from "./auth.js";
import { publicChartPng, trendChartPng } from "./charts.js";
import { toCsv } from "../chat/csv.js";
import { webErrorHandler } from "./errors.js";
import { employerPage } from "./pages/employer.js";
import { messagePage, signInPage, signInRequiredPage } from "./pages/layout.js";
import { employerOverviewPage, networkOverviewPage } from "./pages/overview.js";
import { publicFiguresPage } from "./pages/public.js";
import { reportHistory } from "../core/reporting/history.js";

export interface DashboardOptions {
  deps: CoreDeps;
  logger: Logger;
  adminToken?: string;
  defaultLocale: Locale;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
}

type Viewer = { actor: Actor };
const loginBody = z.object({ token: z.string().max(200).optional(), adminToken: z.string().max(500).optional() });

/** /dashboard: sign-in by chat link or admin token, then server-rendered pages and exports. */
export function dashboardRouter(options: DashboardOptions): Router {
  const { deps, defaultLocale } = options;
  const router = express.Router();
  const guest = translator(defaultLocale);

  router.use("/dashboard", (_req, res, next) => {
    res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self'; frame-ancestors 'none'" });
    next();
  });

  router.get("/dashboard/login", (req, res) => {
    const token = typeof req.query.token === "string" && req.query.token.length <= 200 ? req.query.token : undefined;
    res.type("html").send(signInPage(guest, defaultLocale, { token, adminLogin: Boolean(options.adminToken) }));
  });

  router.post("/dashboard/login", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    const body = loginBody.safeParse(req.body ?? {});
    const started = !body.success
      ? null
      : body.data.adminToken !== undefined
        ? adminTokenMatches(body.data.adminToken, options.adminToken) ? await startAdminSession(deps) : null
        : body.data.token ? await redeemSignInLink(deps, body.data.token) : null;
    if (!started?.ok) {
      res.status(401).type("html").send(signInPage(guest, defaultLocale, { error: true, adminLogin: Boolean(options.adminToken) }));
      return;
    }
    setSessionCookie(res, started.value.sessionToken, started.value.expiresAt.getTime() - deps.now().getTime(), options.secureCookies);
    res.redirect(303, "/dashboard");
  });

  router.post("/dashboard/logout", async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await endSession(deps, token);
    clearSessionCookie(res, options.secureCookies);
    res.redirect(303, "/dashboard/login");
  });

  // Everything below needs a valid session; without one every path answers the same 401 page.
  router.use("/dashboard", async (req: Request, res: Response, next: NextFunction) => {
    const actor = await viewerOf(deps, req);
    if (!actor) {
      res.status(401).type("html").send(signInRequiredPage(guest, defaultLocale));
      return;
    }
    if (actor.personId === ADMIN_PERSON_ID) rememberNetwork(req, res, options.secureCookies);
    res.locals.viewer = { actor } satisfies Viewer;
    next();
  });

  const viewer = (res: Response) => (res.locals.viewer as Viewer).actor;
  const t = (res: Response) => translator(viewer(res).locale);

  router.get("/dashboard", async (req, res) => {
    const actor = viewer(res);
    const quarter = quarterParam.safeParse(req.query.quarter);
    const result = await dashboardOverview(deps, actor, quarter.success ? quarter.data : undefined);
    if (!answered(res, result)) return;
    const o = result.value;
    res.type("html").send(o.scope === "network" ? networkOverviewPage(t(res), actor.locale, o) : employerOverviewPage(t(res), actor.locale, o));
  });

  router.get("/dashboard/chart.png", async (_req, res) => {
    const result = await reportHistory(deps, viewer(res), {});
    if (!answered(res, result)) return;
    res.type("png").send(trendChartPng(t(res), result.value));
  });

  router.get("/dashboard/employers/:employerId", async (req, res) => {
    const id = employerIdParam.safeParse(req.params.employerId);
    const result = id.success ? await employerFigures(deps, viewer(res), id.data) : notFound();
    if (!answered(res, result)) return;
    res.type("html").send(employerPage(t(res), viewer(res).locale, result.value));
  });

  router.get("/dashboard/reports.csv", async (_req, res) => {
    const result = await exportReports(deps, viewer(res));
    if (!answered(res, result)) return;
    sendCsv(res, `rapportages-${deps.now().toISOString().slice(0, 10)}.csv`, toCsv(result.value.rows, [...REPORT_COLUMNS]));
  });

  router.get("/dashboard/events/:number/attendees.csv", async (req, res) => {
    const result = await attendeeList(deps, viewer(res), { number: req.params.number });
    if (!answered(res, result)) return;
    const { attending, maybe, waitlist, declined } = result.value;
    const rows = [
      ...attending.map((a) => ({ ...a, response: "YES" })),
      ...waitlist.map((a) => ({ ...a, response: "WAITLIST" })),
      ...maybe.map((a) => ({ ...a, response: "MAYBE" })),
      ...declined.map((a) => ({ ...a, response: "NO" })),
    ];
    sendCsv(res, `deelnemers-${result.value.event.number}.csv`, toCsv(rows, ["name", "employer", "response", "respondedAt"]));
  });

  router.get("/dashboard/public", async (req, res) => {
    const result = await publicFigures(deps, viewer(res), { minGroupSize: req.query.k });
    if (!answered(res, result)) return;
    res.type("html").send(publicFiguresPage(t(res), viewer(res).locale, result.value));
  });

  router.get("/dashboard/public.png", async (req, res) => {
    const result = await publicFigures(deps, viewer(res), { minGroupSize: req.query.k });
    if (!answered(res, result)) return;
    res.type("png").send(publicChartPng(t(res), result.value));
  });

  router.use("/dashboard", webErrorHandler(options.logger));
  return router;

  /** Expected refusals: not-allowed and not-found look the same (404), so they reveal nothing. */
  function answered<T>(res: Response, result: Result<T>): result is { ok: true; value: T } {
    if (result.ok) return true;
    const status = result.error.reason === "invalid" ? 400 : 404;
    const tr = t(res);
    res.status(status).type("html").send(messagePage(tr, viewer(res).locale, status === 404 ? tr("error.notFound") : tr(result.error.key, result.error.params)));
    return false;
  }
}

function sendCsv(res: Response, filename: string, csv: string): void {
  // A byte-order mark makes Excel read the UTF-8 names (Coördinator) correctly.
  res.type("text/csv; charset=utf-8").attachment(filename).send(`\uFEFF${csv}`);
}
