import { z } from "zod";
import { TRAJECTORY_FIELDS, type DetailField, type ReportDetail } from "../../core/reporting/detail.js";
import { reportForDetail, type ReportForDetail } from "../../core/reporting/report-detail-view.js";
import type { SubmittedReport } from "../../core/reporting/submit-report.js";
import { reportDetailText } from "../../shared/figures-text.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import type { Block, ChatEffect, Form, FormField } from "../message.js";
import type { ActionHandler } from "../registry.js";

/**
 * The optional second step of a report (issue 12): hours, dienstverband / inleen, target group
 * and trajectories, counts only. `rapporteer 3` and the two-field form stay the fast path; this
 * form is opened from the "Details toevoegen" button the confirmation carries.
 */
export const REPORT_DETAIL_FORM_ID = "report.detail";
export const OPEN_DETAIL_ACTION = "report.detail.open";

const COUNT_FIELDS: DetailField[] = ["employment", "hiredIn", "targetGroupYes", "targetGroupNo", "targetGroupUnknown", ...TRAJECTORY_FIELDS];
export const DETAIL_FORM_FIELD_IDS = ["realised", "hoursPerWeek", ...COUNT_FIELDS];

// Which report the form is about: carried in the button's value and the form's context.
const reportRef = z.object({ employerId: z.string().max(64).optional(), year: z.number().int(), quarter: z.number().int() });
type ReportRef = z.infer<typeof reportRef>;

export function parseReportRef(value: string | undefined): ReportRef | null {
  try {
    const parsed = reportRef.safeParse(JSON.parse(value ?? ""));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const refOf = (r: Pick<SubmittedReport, "employerId" | "quarter">): string => JSON.stringify({ employerId: r.employerId, year: r.quarter.year, quarter: r.quarter.quarter });

/** Typed hours ("76,5") are written back the way the reader writes them. */
function hoursText(ctx: ChatContext, hours: number | null): string | undefined {
  if (hours === null) return undefined;
  return ctx.locale === "nl" ? String(hours).replace(".", ",") : String(hours);
}

export function detailForm(ctx: ChatContext, r: ReportForDetail, typed?: Record<string, unknown>): Form {
  const initial = (f: DetailField): number | undefined => {
    const value = typed?.[f];
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
    return r.detail[f] ?? undefined;
  };
  const count = (id: Exclude<DetailField, "hoursPerWeek">, hint?: string): FormField => ({ id, kind: "number", label: ctx.t(`reporting.detail.${id}`), required: false, min: 0, initial: initial(id), hint });
  return {
    id: REPORT_DETAIL_FORM_ID,
    title: ctx.t("reporting.detail.title", { quarter: r.label }),
    submitLabel: ctx.t("reporting.detail.submit"),
    context: refOf({ employerId: r.employerId, quarter: r.quarter }),
    fields: [
      { id: "realised", kind: "number", label: ctx.t("reporting.detail.people"), required: true, min: 0, initial: r.realised, hint: ctx.t("reporting.detail.intro") },
      { id: "hoursPerWeek", kind: "text", label: ctx.t("reporting.detail.hours"), required: false, maxLength: 12, initial: hoursText(ctx, r.detail.hoursPerWeek), hint: ctx.t("reporting.detail.hoursHint") },
      count("employment"),
      count("hiredIn"),
      count("targetGroupYes"),
      count("targetGroupNo"),
      count("targetGroupUnknown"),
      count("internships", ctx.t("reporting.detail.trajectoriesHint")),
      count("workExperience"),
      count("trialPlacements"),
      count("bblTrajectories"),
    ],
  };
}

/** What the confirmation of a saved report adds: the detail given, or the offer to give it. */
export function detailBlocks(ctx: ChatContext, saved: SubmittedReport): Block[] {
  const summary = reportDetailText(ctx.t, saved.realised, saved.detail);
  const button = { action: OPEN_DETAIL_ACTION, label: ctx.t("reporting.detail.button"), value: refOf(saved) };
  if (summary) return [{ type: "context", text: summary }, { type: "actions", buttons: [button] }];
  return [{ type: "context", text: ctx.t("reporting.detail.offer") }, { type: "actions", buttons: [button] }];
}

export function detailSavedText(ctx: ChatContext, saved: SubmittedReport): string {
  return ctx.t("reporting.detail.saved", { quarter: saved.label, summary: reportDetailText(ctx.t, saved.realised, saved.detail) ?? ctx.t("reporting.detail.none") });
}

export async function openDetailForm(ctx: ChatContext, ref: ReportRef, typed?: Record<string, unknown>): Promise<ChatEffect[]> {
  const result = await ctx.core.run(reportForDetail, ctx.actor, ref);
  if (!result.ok) return failureReply(ctx, result.error);
  return [{ type: "openForm", form: detailForm(ctx, result.value, typed) }];
}

export const openDetailAction: ActionHandler = {
  action: OPEN_DETAIL_ACTION,
  async run(ctx, value) {
    const ref = parseReportRef(value);
    if (!ref) return [{ type: "reply", message: { summary: ctx.t("reporting.usage"), blocks: [{ type: "text", text: ctx.t("reporting.usage") }] } }];
    return openDetailForm(ctx, ref);
  },
};

export type { ReportDetail };
