import { z } from "zod";
import { reportsSpreadsheet } from "../../core/reporting/export-reports.js";
import { formatWord } from "../../core/exports/schema.js";
import { reportHistory, type QuarterTotals } from "../../core/reporting/history.js";
import { myReports, type MyReport } from "../../core/reporting/my-reports.js";
import type { QuarterFigures } from "../../core/reporting/quarter-figures.js";
import { periodStatus } from "../../core/reporting/period-status.js";
import { submitReport, type ReplaceConfirmation } from "../../core/reporting/submit-report.js";
import { purgeRemark } from "../../core/reporting/purge-remark.js";
import { networkSettings } from "../../core/reporting/periods.js";
import { quarterLabel, quarterOf } from "../../core/reporting/quarters.js";
import { MAX_REMARK_LENGTH } from "../../core/reporting/schema.js";
import { formatDate } from "../../i18n/format.js";
import { detailLines, progressText, stateText, statusFields } from "../../shared/figures-text.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type ChatEffect, type ChatMessage, type Form } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { statusChartBlocks } from "../dashboard/commands.js";
import { formValues } from "../members/profile.js";
import { parseOneLineReport } from "./one-line.js";
import { reportForDetail } from "../../core/reporting/report-detail-view.js";
import { DETAIL_FORM_FIELD_IDS, detailBlocks, detailForm, detailSavedText, openDetailAction, parseReportRef, REPORT_DETAIL_FORM_ID } from "./detail.js";

export const REPORT_FORM_ID = "report";

export { parseOneLineReport } from "./one-line.js";

export async function reportForm(ctx: ChatContext): Promise<Form> {
  const network = await ctx.core.run(networkSettings, ctx.actor.networkId);
  const current = quarterOf(ctx.core.now(), network.timeZone);
  const mine = await ctx.core.run(myReports, ctx.actor);
  const given = mine.ok ? mine.value.currentReport : null;
  return {
    id: REPORT_FORM_ID,
    title: ctx.t("reporting.form.title", { quarter: quarterLabel(current) }),
    submitLabel: ctx.t("reporting.form.submit"),
    fields: [
      // A colleague's figure is shown before it is replaced (issue 12).
      { id: "realised", kind: "number", label: ctx.t("reporting.form.realised"), required: true, min: 0, initial: given?.realised, hint: given ? currentFigureText(ctx, given) : undefined },
      { id: "ambition", kind: "number", label: ctx.t("reporting.form.ambition"), required: false, min: 0, initial: mine.ok ? mine.value.progress.ambition : undefined, hint: mine.ok ? ctx.t("figures.progressLine", { progress: progressText(ctx.t, ctx.locale, mine.value.progress) }) : undefined },
      {
        id: "remark",
        kind: "textarea",
        label: ctx.t("reporting.form.remark"),
        required: false,
        maxLength: MAX_REMARK_LENGTH,
        hint: ctx.t("reporting.remarkHint"),
      },
    ],
  };
}

export function currentFigureText(ctx: ChatContext, given: MyReport): string {
  const date = formatDate(ctx.locale, given.submittedAt);
  const { realised } = given;
  return given.submittedBy ? ctx.t("figures.current", { realised, by: given.submittedBy, date }) : ctx.t("figures.currentUnknown", { realised, date });
}

async function submitted(ctx: ChatContext, raw: Record<string, unknown>): Promise<ChatEffect[] | { error: Parameters<typeof failureReply>[1] }> {
  const result = await ctx.core.run(submitReport, ctx.actor, raw, ctx.platform);
  if (!result.ok) return { error: result.error };
  if ("needsConfirmation" in result.value) return [reply(confirmReplaceMessage(ctx, result.value, raw))];
  const v = result.value;
  // The detail form's own answer names what was stored; the fast path offers the detail as a next step.
  if (raw.replaceDetail === true) return [reply(textMessage(detailSavedText(ctx, v)))];
  const text = v.corrected
    ? ctx.t("reporting.corrected", { quarter: v.label, version: v.version })
    : ctx.t("reporting.saved", { quarter: v.label, realised: v.realised, ambition: v.ambition });
  return [reply({ summary: text, blocks: [{ type: "text", text }, ...detailBlocks(ctx, v)] })];
}

const CONFIRM_ACTION = "report.confirmReplace";
const KEEP_ACTION = "report.keep";

function confirmReplaceMessage(ctx: ChatContext, c: ReplaceConfirmation, raw: Record<string, unknown>): ChatMessage {
  const { confirmReplace: _ignored, ...figures } = raw;
  const text = ctx.t(c.current.submittedBy ? "figures.confirmReplace" : "figures.confirmReplaceUnknown", {
    quarter: c.label,
    realised: c.current.realised,
    by: c.current.submittedBy ?? "",
    date: formatDate(ctx.locale, c.current.submittedAt),
    next: String(figures.realised ?? ""),
  });
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      {
        type: "actions",
        buttons: [
          { action: CONFIRM_ACTION, label: ctx.t("figures.button.replace"), value: JSON.stringify(figures), style: "primary" },
          { action: KEEP_ACTION, label: ctx.t("figures.button.keep"), value: "" },
        ],
      },
    ],
  };
}

// The button carries the figures typed before: parsed here, validated again by core.
const confirmedFigures = z.record(z.union([z.string(), z.number(), z.boolean(), z.null()]));

const confirmReplaceAction: ActionHandler = {
  action: CONFIRM_ACTION,
  async run(ctx, value) {
    let figures: unknown;
    try {
      figures = JSON.parse(value);
    } catch {
      return [reply(textMessage(ctx.t("reporting.usage")))];
    }
    const parsed = confirmedFigures.safeParse(figures);
    if (!parsed.success) return [reply(textMessage(ctx.t("reporting.usage")))];
    const outcome = await submitted(ctx, { ...parsed.data, confirmReplace: true });
    return Array.isArray(outcome) ? outcome : failureReply(ctx, outcome.error);
  },
};

const keepAction: ActionHandler = {
  action: KEEP_ACTION,
  async run(ctx) {
    return [reply(textMessage(ctx.t("figures.kept")))];
  },
};

const report: Command = {
  name: "rapporteer",
  aliases: ["report", "rapportage"],
  help: "reporting.help.report",
  async run(ctx, args) {
    if (!ctx.actor.employerId && ctx.actor.role !== "COORDINATOR") return [reply(textMessage(ctx.t("error.noEmployer")))];
    if (args.trim() === "") return [{ type: "openForm", form: await reportForm(ctx) }];
    const parsed = parseOneLineReport(args);
    if (!parsed) return [reply(textMessage(ctx.t("reporting.usage")))];
    const outcome = await submitted(ctx, parsed);
    if (!Array.isArray(outcome)) {
      const [first] = failureReply(ctx, outcome.error);
      return outcome.error.reason === "invalid" ? [first!, reply(textMessage(ctx.t("reporting.usage")))] : [first!];
    }
    return outcome;
  },
};

export const reportFormHandler: FormHandler = {
  id: REPORT_FORM_ID,
  async submit(ctx, values) {
    const outcome = await submitted(ctx, values);
    if (Array.isArray(outcome)) return outcome;
    return formFailure(ctx, outcome.error, await reportForm(ctx));
  },
};

/** The detail form: the whole detail of one report, validated by core against its placements. */
export const reportDetailFormHandler: FormHandler = {
  id: REPORT_DETAIL_FORM_ID,
  async submit(ctx, values, context) {
    const ref = parseReportRef(context);
    if (!ref) return [reply(textMessage(ctx.t("reporting.usage")))];
    const typed = formValues(values, DETAIL_FORM_FIELD_IDS);
    const outcome = await submitted(ctx, { ...typed, ...ref, replaceDetail: true, keepRemark: true });
    if (Array.isArray(outcome)) return outcome;
    const current = await ctx.core.run(reportForDetail, ctx.actor, ref);
    if (!current.ok) return failureReply(ctx, outcome.error);
    return formFailure(ctx, outcome.error, detailForm(ctx, current.value, typed));
  },
};

/** The "Nu rapporteren" button in prompts and on the home view opens the form. */
export const openReportFormAction: ActionHandler = {
  action: "report.open",
  async run(ctx) {
    return [{ type: "openForm", form: await reportForm(ctx) }];
  },
};

const mine: Command = {
  name: "rapportages",
  aliases: ["reports", "mijn"],
  help: "reporting.help.mine",
  async run(ctx) {
    const result = await ctx.core.run(myReports, ctx.actor);
    if (!result.ok) return failureReply(ctx, result.error);
    const { current, reports, employerName, archived, progress } = result.value;
    const due = !current.reported && !archived;
    const lines = reports.map((r) =>
      ctx.t("figures.employerLine", { quarter: r.label, realised: r.realised, progress: progressText(ctx.t, ctx.locale, { ...progress, cumulative: r.cumulative }) }),
    );
    const message: ChatMessage = {
      summary: ctx.t("reporting.mine.title", { employer: employerName }),
      blocks: [
        { type: "header", text: ctx.t("reporting.mine.title", { employer: employerName }) },
        {
          type: "text",
          text: archived ? ctx.t("reporting.employerArchived", { employer: employerName }) : ctx.t(current.reported ? "reporting.mine.done" : "reporting.mine.due", { quarter: current.label }),
        },
        { type: "text", text: ctx.t("figures.progressLine", { progress: progressText(ctx.t, ctx.locale, progress) }) },
        { type: "text", text: lines.length ? lines.join("\n") : ctx.t("reporting.mine.none") },
        ...(!due ? [] : [{ type: "actions" as const, buttons: [{ action: "report.open", label: ctx.t("reporting.button.report"), value: "", style: "primary" as const }] }]),
      ],
    };
    return [reply(message)];
  },
};

const quarterArgs = z.string().trim().regex(/^(?:q([1-4])\s+(\d{4}))?$/i);

export async function statusMessage(ctx: ChatContext, args: string): Promise<ChatEffect[]> {
  if (!quarterArgs.safeParse(args).success) return [reply(textMessage(ctx.t("reporting.status.badQuarter")))];
  const [, quarter, year] = /^q([1-4])\s+(\d{4})$/i.exec(args.trim()) ?? [];
  const result = await ctx.core.run(periodStatus, ctx.actor, quarter ? { quarter, year } : {});
  if (!result.ok) return failureReply(ctx, result.error);
  const s = result.value;
  const missing = s.employers.filter((e) => !e.reported).map((e) => e.name);
  const title = ctx.t("reporting.status.title", { quarter: s.label, network: s.networkName });
  return [
    reply({
      summary: title,
      blocks: [
        { type: "header", text: title },
        {
          type: "fields",
fields: statusFields(ctx.t, ctx.locale, s.totals),
        },
        ...(detailLines(ctx.t, s.totals.realised, s.totals.detail).length ? [{ type: "text" as const, text: detailLines(ctx.t, s.totals.realised, s.totals.detail).join("\n") }] : []),
        ...(s.byNetwork.length > 1 ? [{ type: "text" as const, text: [ctx.t("figures.regions"), ...s.byNetwork.map((n) => regionLine(ctx, n))].join("\n") }] : []),
        {
          type: "text",
          text: missing.length ? ctx.t("reporting.status.missing", { names: missing.join(", ") }) : ctx.t("reporting.status.allIn"),
        },
        ...(s.periodStatus === "NOT_OPENED" ? [{ type: "context" as const, text: ctx.t("reporting.status.notOpened") }] : []),
        ...statusChartBlocks(ctx),
      ],
    }),
  ];
}

function regionLine(ctx: ChatContext, n: QuarterFigures & { networkName: string }): string {
  return ctx.t("figures.regionLine", {
    network: n.networkName,
    reported: n.reported,
    employers: n.employers,
    realised: n.realised,
    progress: progressText(ctx.t, ctx.locale, { cumulative: n.cumulative, ambition: n.ambition, targetDate: null, targetPassed: false }),
  });
}

/** One quarter of `historie`: the network's totals, or one employer's quarter in its own state. */
export function historyLine(ctx: ChatContext, q: QuarterTotals): string {
  const progress = progressText(ctx.t, ctx.locale, { cumulative: q.cumulative, ambition: q.ambition, targetDate: null, targetPassed: false });
  if (q.state === undefined) {
    return ctx.t("figures.quarterLine", { quarter: q.label, realised: q.realised, progress, reported: q.reported, employers: q.employers }) + banenSuffix(ctx, q);
  }
  if (q.state === "REPORTED") return ctx.t("figures.employerLine", { quarter: q.label, realised: q.realised, progress }) + banenSuffix(ctx, q);
  if (q.state === "NOT_REPORTED") return ctx.t("figures.employerLineNotReported", { quarter: q.label, progress });
  return ctx.t("figures.employerLineState", { quarter: q.label, state: stateText(ctx.t, q.state) });
}

/** " · 3,5 banen (uren van 5 personen)" when hours were given for the quarter. */
function banenSuffix(ctx: ChatContext, q: QuarterTotals): string {
  const d = q.detail;
  return d.peopleWithHours === 0 ? "" : ` · ${ctx.t("figures.historyBanen", { banen: d.banen, people: d.peopleWithHours })}`;
}

const status: Command = {
  name: "status",
  aliases: ["voortgang", "progress"],
  coordinatorOnly: true,
  help: "reporting.help.status",
  run: statusMessage,
};

const history: Command = {
  name: "historie",
  aliases: ["history", "geschiedenis"],
  help: "reporting.help.history",
  async run(ctx) {
    const result = await ctx.core.run(reportHistory, ctx.actor, {});
    if (!result.ok) return failureReply(ctx, result.error);
    const lines = result.value.map((q) => historyLine(ctx, q));
    return [
      reply({
        summary: ctx.t("reporting.history.title"),
        blocks: [
          { type: "header", text: ctx.t("reporting.history.title") },
          { type: "text", text: lines.length ? lines.join("\n") : ctx.t("reporting.history.empty") },
        ],
      }),
    ];
  },
};

const exportCommand: Command = {
  name: "export",
  aliases: ["exporteer"],
  coordinatorOnly: true,
  help: "reporting.help.export",
  async run(ctx, args) {
    const format = formatWord(args.trim());
    if (!format) return [reply(textMessage(ctx.t("reporting.export.usage")))];
    const result = await ctx.core.run(reportsSpreadsheet, ctx.actor, { format });
    if (!result.ok) return failureReply(ctx, result.error);
    const { filename, mimeType, content, reports, networkName } = result.value;
    return [
      reply(textMessage(ctx.t("reporting.export.done", { count: reports }))),
      { type: "file", file: { filename, mimeType, content, title: ctx.t("reporting.export.title", { network: networkName }) } },
    ];
  },
};

// "wis Bakkerij De Korenschoof", "wis korenschoof q3 2026", "purge Korenschoof Q3 2026".
const purgeArgs = /^(?:wis|verwijder|purge|remove)\s+(.+?)(?:\s+q([1-4])\s+(\d{4}))?$/i;

const purgeRemarkCommand: Command = {
  name: "opmerking",
  aliases: ["remark"],
  coordinatorOnly: true,
  help: "reporting.help.purgeRemark",
  async run(ctx, args) {
    const match = purgeArgs.exec(args.trim());
    if (!match) return [reply(textMessage(ctx.t("reporting.remarkPurge.usage")))];
    const [, employer, quarter, year] = match;
    const result = await ctx.core.run(purgeRemark, ctx.actor, { employer, quarter, year });
    if (!result.ok) return failureReply(ctx, result.error);
    const { employerName, label, purged } = result.value;
    const nothing = purged.report + purged.revisions === 0;
    const text = nothing
      ? ctx.t("reporting.remarkPurge.nothing", { employer: employerName, quarter: label })
      : ctx.t("reporting.remarkPurge.done", { employer: employerName, quarter: label, versions: purged.revisions });
    return [reply(textMessage(text))];
  },
};

export const reportingCommands: Command[] = [report, mine, status, history, exportCommand, purgeRemarkCommand];
export const reportingActions: ActionHandler[] = [openReportFormAction, confirmReplaceAction, keepAction, openDetailAction];
export const reportingForms: FormHandler[] = [reportFormHandler, reportDetailFormHandler];
