import express, { type NextFunction, type Request, type Response } from "express";
import type { Actor } from "../core/actor.js";
import { ADMIN_PERSON_ID } from "../core/dashboard/sign-in.js";
import type { Result } from "../core/result.js";
import { translator } from "../i18n/index.js";
import { readCookie, rememberNetwork, SESSION_COOKIE, viewerOf } from "./auth.js";
import { CSRF_FIELD, csrfTokenFor, csrfTokenMatches } from "./csrf.js";
import type { PageContext } from "./pages/layout.js";
import { messagePage, signInRequiredPage } from "./pages/layout.js";
import type { DashboardOptions } from "./routes.js";

interface Viewer {
  actor: Actor;
  sessionToken: string;
}

/** Everything below needs a valid session; without one every path answers the same 401 page. */
export function requireViewer(options: DashboardOptions) {
  const guest = translator(options.defaultLocale);
  return async (req: Request, res: Response, next: NextFunction) => {
    const actor = await viewerOf(options.deps, req);
    if (!actor) {
      res.status(401).type("html").send(signInRequiredPage(guest, options.defaultLocale));
      return;
    }
    if (actor.personId === ADMIN_PERSON_ID) rememberNetwork(req, res, options.secureCookies);
    res.locals.viewer = { actor, sessionToken: readCookie(req, SESSION_COOKIE)! } satisfies Viewer;
    next();
  };
}

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

export const viewer = (res: Response): Actor => (res.locals.viewer as Viewer).actor;

/** What every page of a signed-in person needs: their language and their form token. */
export function pageContext(res: Response): PageContext {
  const { actor, sessionToken } = res.locals.viewer as Viewer;
  return { t: translator(actor.locale), locale: actor.locale, csrfToken: csrfTokenFor(sessionToken) };
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

export function sendCsv(res: Response, filename: string, csv: string): void {
  // A byte-order mark makes Excel read the UTF-8 names (Coördinator) correctly.
  res.type("text/csv; charset=utf-8").attachment(filename).send(`\uFEFF${csv}`);
}
