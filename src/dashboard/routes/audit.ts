import express, { type Router } from "express";
import { auditLog } from "../../core/audit/audit-log.js";
import { AUDIT_PATH, auditPage } from "../pages/audit.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";

/** Coordinators: the network's audit log, newest first, paged. */
export function auditRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();
  router.get(AUDIT_PATH, async (req, res) => {
    const result = await auditLog(deps, viewer(res), { page: req.query.page });
    if (!answered(res, result)) return;
    res.type("html").send(auditPage(pageContext(res), result.value));
  });
  return router;
}
