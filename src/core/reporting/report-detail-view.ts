import { z } from "zod";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { idField } from "../shared/fields.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { detailOf, detailSums, type ReportDetail } from "./detail.js";
import { quarterLabel, type QuarterRef } from "./quarters.js";

const reportRef = z.object({
  employerId: idField.optional(),
  year: z.coerce.number().int().min(2000).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
});

export interface ReportForDetail {
  employerId: string;
  quarter: QuarterRef;
  label: string;
  realised: number;
  detail: ReportDetail;
}

/**
 * A quarter's report as the detail form starts from: its placements and the detail given so far.
 * Members see only their own employer's; coordinators those of their network (as submitReport).
 */
export async function reportForDetail(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<ReportForDetail>> {
  const parsed = reportRef.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const { year, quarter } = parsed.data;
  if (!isCoordinator(actor) && parsed.data.employerId && parsed.data.employerId !== actor.employerId) return fail("notAllowed", "reporting.otherEmployer");
  const employerId = isCoordinator(actor) ? parsed.data.employerId ?? actor.employerId : actor.employerId;
  if (!employerId) return fail("notAllowed", "error.noEmployer");
  const label = quarterLabel({ year, quarter });
  const report = await deps.db.placementReport.findFirst({
    where: { employerId, employer: { networkId: actor.networkId }, period: { networkId: actor.networkId, year, quarter } },
    select: { realised: true, ...detailSums },
  });
  if (!report) return fail("notFound", "reporting.detail.notReported", { quarter: label });
  return ok({ employerId, quarter: { year, quarter }, label, realised: report.realised, detail: detailOf(report) });
}
