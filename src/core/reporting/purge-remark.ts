import { z } from "zod";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { findEmployer } from "../members/find-employer.js";
import { fail, invalidInput, notAllowed, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { requiredText } from "../shared/fields.js";
import { findNetwork, findPeriod } from "./periods.js";
import { quarterLabel, quarterOf } from "./quarters.js";
import { periodInput } from "./schema.js";

// An employer's name as coordinators type it; the longest names in the networks are ~60 characters.
const purgeRemarkInput = periodInput.extend({ employer: requiredText(200) });
export type PurgeRemarkInput = z.input<typeof purgeRemarkInput>;

export interface PurgedRemark {
  employerName: string;
  label: string;
  /** Rows whose remark was removed: the report itself and each kept version (revision). */
  purged: { report: number; revisions: number };
}

/**
 * A coordinator removes the remark of an employer's report for a quarter, from the current
 * figures and from every kept version: a remark that should never have been written (a name, a
 * diagnosis) must not survive in the history. The figures stay. Audited with ids and counts only.
 */
export async function purgeRemark(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PurgedRemark>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = purgeRemarkInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  const employer = await findEmployer(deps.db, actor.networkId, input.employer);
  if (!employer.ok) return employer;
  const network = await findNetwork(deps.db, actor.networkId);
  const ref = input.year && input.quarter ? { year: input.year, quarter: input.quarter } : quarterOf(deps.now(), network.timeZone);
  const label = quarterLabel(ref);
  const period = await findPeriod(deps.db, network.id, ref);
  const report = period
    ? await deps.db.placementReport.findUnique({ where: { employerId_periodId: { employerId: employer.value.id, periodId: period.id } }, select: { id: true } })
    : null;
  if (!report) return fail("notFound", "reporting.remarkPurge.noReport", { employer: employer.value.name, quarter: label });

  const purged = await deps.db.$transaction(async (tx) => {
    const current = await tx.placementReport.updateMany({ where: { id: report.id, remark: { not: null } }, data: { remark: null } });
    const revisions = await tx.placementReportRevision.updateMany({ where: { reportId: report.id, remark: { not: null } }, data: { remark: null } });
    const done = { report: current.count, revisions: revisions.count };
    if (done.report + done.revisions > 0) await audit(tx, actor, "report.remarkPurge", { type: "PlacementReport", id: report.id }, done, deps.now());
    return done;
  });
  return ok({ employerName: employer.value.name, label, purged });
}
