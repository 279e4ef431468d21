import express, { type Router } from "express";
import { z } from "zod";
import type { CoreDeps } from "../core/deps.js";
import { reportHistory } from "../core/reporting/history.js";
import { translator } from "../i18n/index.js";
import { trendChartPng } from "./charts.js";
import { webErrorHandler } from "./errors.js";
import type { Logger } from "../logger.js";
import type { WebLinks } from "../shared/web-links.js";
import { SHOWN_ELSEWHERE } from "../http/security-headers.js";

const query = z.object({
  network: z.string().min(1).max(64),
  expires: z.coerce.number().int().positive(),
  signature: z.string().min(1).max(100),
});

/**
 * The placements chart behind a signed, expiring link, for chat clients that fetch images
 * without a session (Slack, Teams). The signature is the permission: only a coordinator's
 * status message contains one.
 */
export function signedChartRouter(deps: CoreDeps, logger: Logger, links: WebLinks): Router {
  const router = express.Router();
  router.get("/charts/placements.png", async (req, res) => {
    const parsed = query.safeParse(req.query);
    if (!parsed.success || !links.verifyChartSignature(parsed.data.network, parsed.data.expires, parsed.data.signature, deps.now())) {
      res.status(404).type("text").send("Not found");
      return;
    }
    const network = await deps.db.network.findUnique({ where: { id: parsed.data.network }, select: { id: true, defaultLocale: true } });
    if (!network) {
      res.status(404).type("text").send("Not found");
      return;
    }
    const view = { personId: "chart-link", networkId: network.id, employerId: null, role: "COORDINATOR" as const, locale: network.defaultLocale, name: "chart" };
    const trend = await reportHistory(deps, view, {});
    if (!trend.ok) throw new Error(`chart history failed: ${trend.error.key}`);
    res.set({ "Cache-Control": "private, max-age=300", ...SHOWN_ELSEWHERE }).type("png").send(await trendChartPng(translator(network.defaultLocale), trend.value));
  });
  router.use("/charts", webErrorHandler(logger));
  return router;
}
