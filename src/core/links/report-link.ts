import { z } from "zod";
import type { CoreDeps } from "../deps.js";
import { actorForPerson } from "../members/actor-lookup.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { quarterLabel } from "../reporting/quarters.js";
import { submitReport, type SubmittedReport } from "../reporting/submit-report.js";
import { DETAIL_FIELDS, detailOf, detailSums, type ReportDetail } from "../reporting/detail.js";
import { formSend } from "./schema.js";
import { giveBackFormSend, takeFormSend, verifyLink, type VerifiedLink } from "./verify-link.js";

export interface ReportLinkForm {
  link: VerifiedLink;
  employerName: string;
  label: string;
  /** What the employer's report for the quarter says now, and who gave it. */
  current: { realised: number; ambition: number; remark: string | null; detail: ReportDetail; by: string | null; submittedAt: Date; version: number } | null;
  /** The ambition to start from when nothing is reported yet: the employer's long-term one. */
  ambitionDefault: number;
}

/** What a report link's form shows: the employer, the quarter and the current figures. */
export async function reportLinkForm(deps: CoreDeps, token: unknown): Promise<Result<ReportLinkForm>> {
  const verified = await reportLink(deps, token);
  if (!verified.ok) return verified;
  const link = verified.value;
  const [employer, period] = await Promise.all([
    deps.db.employer.findUniqueOrThrow({ where: { id: link.employerId! }, select: { name: true, ambition: true } }),
    deps.db.reportingPeriod.findUniqueOrThrow({ where: { id: link.periodId! }, select: { year: true, quarter: true } }),
  ]);
  const report = await deps.db.placementReport.findUnique({
    where: { employerId_periodId: { employerId: link.employerId!, periodId: link.periodId! } },
    select: { realised: true, remark: true, submittedById: true, submittedAt: true, version: true, ...detailSums },
  });
  const by = report?.submittedById ? await deps.db.person.findUnique({ where: { id: report.submittedById }, select: { name: true } }) : null;
  return ok({
    link,
    employerName: employer.name,
    label: quarterLabel(period),
    current: report ? { realised: report.realised, ambition: employer.ambition, remark: report.remark, detail: detailOf(report), by: by?.name ?? null, submittedAt: report.submittedAt, version: report.version } : null,
    ambitionDefault: employer.ambition,
  });
}

// The optional detail fields are passed on as typed: submitReport validates them with the rest.
const reportFormInput = z.object({
  send: formSend,
  realised: z.unknown(),
  ambition: z.unknown(),
  remark: z.unknown().optional(),
  ...Object.fromEntries(DETAIL_FIELDS.map((f) => [f, z.unknown().optional()])),
});

export interface ReportByLink {
  link: VerifiedLink;
  report: SubmittedReport;
  employerName: string;
}

/**
 * A report sent through its link: the same use case as in chat (report window, remark checks,
 * corrections kept as versions), as the person the link is for, for its employer and quarter.
 * "links.alreadySent" when this form was sent before: nothing is stored again.
 */
export async function submitReportByLink(deps: CoreDeps, token: unknown, raw: unknown): Promise<Result<ReportByLink>> {
  const verified = await reportLink(deps, token);
  if (!verified.ok) return verified;
  const link = verified.value;
  const form = reportFormInput.safeParse(raw);
  if (!form.success) return invalidInput(form.error);
  const actor = await actorForPerson(deps.db, link.personId!);
  if (!actor) return fail("notFound", "links.invalid");
  const { send, ...figures } = form.data;
  if (!(await takeFormSend(deps, link, send))) return fail("conflict", "links.alreadySent");

  const period = await deps.db.reportingPeriod.findUniqueOrThrow({ where: { id: link.periodId! }, select: { year: true, quarter: true } });
  // The link's form shows the current figure and who gave it: sending it is the confirmation.
  // It shows the detail too, so what it sends is the whole detail (an emptied field clears it).
  const report = await submitReport(deps, actor, { ...figures, employerId: link.employerId!, year: period.year, quarter: period.quarter, confirmReplace: true, replaceDetail: true }, "WEB");
  if (!report.ok || "needsConfirmation" in report.value) {
    await giveBackFormSend(deps, link, send);
    if (report.ok) throw new Error("a confirmed report asked for confirmation");
    await giveBackFormSend(deps, link, send);
    return report;
  }
  const employer = await deps.db.employer.findUniqueOrThrow({ where: { id: link.employerId! }, select: { name: true } });
  return ok({ link: { ...link, submissions: send + 1 }, report: report.value, employerName: employer.name });
}

async function reportLink(deps: CoreDeps, token: unknown): Promise<Result<VerifiedLink>> {
  const link = await verifyLink(deps, token);
  if (link.ok && link.value.purpose !== "REPORT") return fail("notFound", "links.invalid");
  return link;
}
