import express, { type Router } from "express";
import type { CoreDeps } from "../core/deps.js";
import type { Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import type { WebLinks } from "../shared/web-links.js";
import { sameOriginOnly } from "./csrf.js";
import { webErrorHandler } from "./errors.js";
import { adminNetworkRoutes } from "./routes/admin-networks.js";
import { auditRoutes } from "./routes/audit.js";
import { campaignRoutes } from "./routes/campaign.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { employerRoutes } from "./routes/employers.js";
import { conditionRoutes } from "./routes/condition.js";
import { figuresRoutes } from "./routes/figures.js";
import { memberImportRoutes } from "./routes/member-import.js";
import { peopleRoutes } from "./routes/people.js";
import { settingsRoutes } from "./routes/settings.js";
import { signInRoutes } from "./routes/sign-in.js";
import { messagePage } from "./pages/layout.js";
import { pageContext, requireCsrfToken, requireViewer } from "./session.js";

export interface DashboardOptions {
  deps: CoreDeps;
  logger: Logger;
  /** The web address and the key of chart image links, created at start. */
  links: WebLinks;
  adminToken?: string;
  defaultLocale: Locale;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  /** Demo mode: links come from the playground, not from Slack or Teams. */
  playground?: boolean;
}

// Each area of the dashboard is one router in ./routes; they all run behind the session check.
const featureRoutes: Array<(options: DashboardOptions) => Router> = [
  figuresRoutes, memberImportRoutes, employerRoutes, peopleRoutes, conditionRoutes, settingsRoutes, adminNetworkRoutes, eventRoutes, campaignRoutes, healthRoutes, auditRoutes,
];

/** /dashboard: sign-in by chat link or admin token, then server-rendered pages and exports. */
export function dashboardRouter(options: DashboardOptions): Router {
  const router = express.Router();
  router.use("/dashboard", (_req, res, next) => {
    res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'self'; img-src 'self'; frame-ancestors 'none'" });
    next();
  });
  router.use("/dashboard", sameOriginOnly);
  router.use(signInRoutes(options));
  router.use("/dashboard", requireViewer(options), requireCsrfToken);
  for (const routes of featureRoutes) router.use(routes(options));
  // A signed-in person's unknown address: the dashboard's own page, not Express's bare text.
  router.use("/dashboard", (_req, res) => {
    const { t, locale } = pageContext(res);
    res.status(404).type("html").send(messagePage(t, locale, t("error.notFound")));
  });
  router.use("/dashboard", webErrorHandler(options.logger));
  return router;
}
