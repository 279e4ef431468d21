import express, { type Express } from "express";
import type { Database } from "../db/database.js";
import { metricsRegistry } from "../observability/metrics.js";
import { refuseOversizedBodies } from "./body-limits.js";
import { metricsAccess } from "./metrics-access.js";
import { securityHeaders } from "./security-headers.js";

export interface HttpAppOptions {
  /** PUBLIC_URL: with https, browsers are told to keep to https. */
  publicUrl?: string;
  /** TRUST_PROXY: whose X-Forwarded-For gives the client's address (Express's "trust proxy"). */
  trustProxy?: number | string[];
  /** METRICS_TOKEN: the bearer token /metrics asks for; without it, only this machine may read it. */
  metricsToken?: string;
}

/** The one HTTP app every surface mounts on: Slack, Teams, playground, dashboard, health. */
export function createHttpApp(db: Database, options: HttpAppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  app.use(securityHeaders(options.publicUrl));
  app.use(refuseOversizedBodies());
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: "ready", database: db.kind });
    } catch {
      res.status(503).json({ status: "unavailable", database: db.kind });
    }
  });
  app.get("/metrics", metricsAccess(options.metricsToken), async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return app;
}
