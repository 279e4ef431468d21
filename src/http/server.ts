import express, { type Express } from "express";
import type { Database } from "../db/database.js";
import { metricsRegistry } from "../observability/metrics.js";
import { refuseOversizedBodies } from "./body-limits.js";

/** The one HTTP app every surface mounts on: Slack, Teams, playground, dashboard, health. */
export function createHttpApp(db: Database): Express {
  const app = express();
  app.disable("x-powered-by");
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
  app.get("/metrics", async (_req, res) => {
    res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  return app;
}
