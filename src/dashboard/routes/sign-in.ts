import express, { type Router } from "express";
import { z } from "zod";
import { endSession, redeemSignInLink, startAdminSession } from "../../core/dashboard/sign-in.js";
import { translator } from "../../i18n/index.js";
import { adminTokenMatches, clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from "../auth.js";
import { signInPage } from "../pages/layout.js";
import type { DashboardOptions } from "../routes.js";

const loginBody = z.object({ token: z.string().max(200).optional(), adminToken: z.string().max(500).optional() });

/** Sign-in by a chat link's token or the admin token, and sign-out. */
export function signInRoutes(options: DashboardOptions): Router {
  const { deps, defaultLocale } = options;
  const router = express.Router();
  const guest = translator(defaultLocale);

  router.get("/dashboard/login", (req, res) => {
    const token = typeof req.query.token === "string" && req.query.token.length <= 200 ? req.query.token : undefined;
    res.type("html").send(signInPage(guest, defaultLocale, { token, adminLogin: Boolean(options.adminToken), playground: options.playground }));
  });

  router.post("/dashboard/login", express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    const body = loginBody.safeParse(req.body ?? {});
    const started = !body.success
      ? null
      : body.data.adminToken !== undefined
        ? adminTokenMatches(body.data.adminToken, options.adminToken) ? await startAdminSession(deps) : null
        : body.data.token ? await redeemSignInLink(deps, body.data.token) : null;
    if (!started?.ok) {
      res.status(401).type("html").send(signInPage(guest, defaultLocale, { error: true, adminLogin: Boolean(options.adminToken), playground: options.playground }));
      return;
    }
    setSessionCookie(res, started.value.sessionToken, started.value.expiresAt.getTime() - deps.now().getTime(), options.secureCookies);
    res.redirect(303, "/dashboard");
  });

  // No form token here: signing out is harmless, and a stale page must still be able to do it.
  // Cross-site posts are refused before this by sameOriginOnly.
  router.post("/dashboard/logout", async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await endSession(deps, token);
    clearSessionCookie(res, options.secureCookies);
    res.redirect(303, "/dashboard/login");
  });

  return router;
}
