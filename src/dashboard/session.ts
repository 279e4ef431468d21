import express, { type NextFunction, type Request, type Response } from "express";
import type { Actor } from "../core/actor.js";
import type { Result } from "../core/result.js";
import type { SpreadsheetFile } from "../core/exports/schema.js";
import { translator, type Locale } from "../i18n/index.js";
import { readCookie, rememberNetwork, SESSION_COOKIE, viewerOf } from "./auth.js";
import { CSRF_FIELD, csrfTokenFor, csrfTokenMatches } from "./csrf.js";
import type { PageContext } from "./pages/layout.js";
import { messagePage, signInRequiredPage } from "./pages/layout.js";
import type { DashboardOptions } from "./routes.js";

interface Viewer {
  /** Null only for the admin while there is no network to view: then only /dashboard/admin is open. */
  actor: Actor | null;
  admin: boolean;
  locale: Locale;
  sessionToken: string;
}

/** Everything below needs a valid session; without one every path answers the same 401 page. */
export function requireViewer(options: DashboardOptions) {
  const guest = translator(options.defaultLocale);
  return async (req: Request, res: Response, next: NextFunction) => {
    const session = await viewerOf(options.deps, req);
    if (!session) {
      res.status(401).type("html").send(signInRequiredPage(guest, options.defaultLocale, options.playground));
      return;
    }
    const { actor, admin } = session;
    if (admin) rememberNetwork(req, res, options.secureCookies);
    // An admin without a network to view (a new install): the set-up page is where to start.
    if (!actor && !req.path.startsWith(ADMIN_PATH)) {
      res.redirect(303, `/dashboard${ADMIN_PATH}`);
      return;
    }
    res.locals.viewer = { actor, admin, locale: actor?.locale ?? options.defaultLocale, sessionToken: readCookie(req, SESSION_COOKIE)! } satisfies Viewer;
    next();
  };
}

/** The admin's set-up pages, below /dashboard. */
export const ADMIN_PATH = "/admin";

const formBody = express.urlencoded({ extended: false, limit: "64kb" });

/**
 * A signed-in person's state-changing request must carry their session's form token: in the
 * form body, or (uploads, whose multipart body a route reads itself) in the action's query.
 */
export function requireCsrfToken(req: Request, res: Response, next: NextFunction): void {
  if (req.method === "GET" || req.method === "HEAD") return next();
  formBody(req, res, (error?: unknown) => {
    if (error) return next(error);
    const given = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD] ?? req.query[CSRF_FIELD];
    if (csrfTokenMatches(given, (res.locals.viewer as Viewer).sessionToken)) return next();
    const page = pageContext(res);
    res.status(403).type("html").send(messagePage(page.t, page.locale, page.t("dashboard.csrf.refused")));
  });
}

export function viewer(res: Response): Actor {
  const { actor } = res.locals.viewer as Viewer;
  // requireViewer sends an admin without a network to the set-up page before any other route.
  if (!actor) throw new Error("no network to view for this admin session");
  return actor;
}

/** The self-hoster's session (ADMIN_TOKEN), who may set up networks. */
export const isAdminSession = (res: Response): boolean => (res.locals.viewer as Viewer).admin;

/** What every page of a signed-in person needs: their language and their form token. */
export function pageContext(res: Response): PageContext {
  const { locale, admin, sessionToken } = res.locals.viewer as Viewer;
  return { t: translator(locale), locale, csrfToken: csrfTokenFor(sessionToken), admin };
}

/**
 * Expected refusals: not-allowed and not-found look the same (404), so they reveal nothing;
 * invalid input (400) and a conflict with the current state (409) say what is wrong.
 */
export function answered<T>(res: Response, result: Result<T>): result is { ok: true; value: T } {
  if (result.ok) return true;
  const status = result.error.reason === "invalid" ? 400 : result.error.reason === "conflict" ? 409 : 404;
  const { t, locale } = pageContext(res);
  res.status(status).type("html").send(messagePage(t, locale, status === 404 ? t("error.notFound") : t(result.error.key, result.error.params)));
  return false;
}

/** An export's file as core made it, byte for byte: the same file chat hands out. */
export function sendFile(res: Response, result: Result<SpreadsheetFile>): void {
  if (!answered(res, result)) return;
  const file = result.value;
  res.type(file.mimeType).attachment(file.filename).send(typeof file.content === "string" ? file.content : Buffer.from(file.content));
}
