import { z } from "zod";
import { formatDate, formatNumber, formatPercent } from "../../i18n/format.js";
import type { ChatMessage } from "../message.js";
import type { NotificationRenderer } from "../notification-renderer.js";

// Payloads come back from the database: parsed, so an old or damaged row fails loudly.
const contactPayload = z.object({
  networkName: z.string(),
  label: z.string(),
  employerName: z.string(),
  closesAt: z.string().datetime(),
  timeZone: z.string(),
});

const summaryPayload = z.object({
  networkName: z.string(),
  label: z.string(),
  employers: z.number(),
  reported: z.number(),
  responseRate: z.number(),
  realised: z.number(),
  ambition: z.number(),
  missing: z.array(z.string()),
});

const reportButton = (label: string) => ({ type: "actions" as const, buttons: [{ action: "report.open", label, value: "", style: "primary" as const }] });

/** Last day to report: the day before the period closes at local midnight. */
const lastDay = (closesAt: string) => new Date(new Date(closesAt).getTime() - 60_000);

const prompt: NotificationRenderer = {
  kind: "campaign.prompt",
  render(t, locale, data): ChatMessage {
    const d = contactPayload.parse(data);
    const title = t("campaigns.prompt.title", { quarter: d.label });
    return {
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: t("campaigns.prompt.text", { employer: d.employerName, quarter: d.label, network: d.networkName }) },
        reportButton(t("reporting.button.report")),
        { type: "context", text: `${t("campaigns.prompt.deadline", { deadline: formatDate(locale, lastDay(d.closesAt), d.timeZone) })} ${t("reporting.remarkHint")}` },
      ],
    };
  },
};

const reminder: NotificationRenderer = {
  kind: "campaign.reminder",
  render(t, locale, data): ChatMessage {
    const d = contactPayload.parse(data);
    const title = t("campaigns.reminder.title", { quarter: d.label });
    return {
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: t("campaigns.reminder.text", { employer: d.employerName, quarter: d.label }) },
        reportButton(t("reporting.button.report")),
        { type: "context", text: `${t("campaigns.prompt.deadline", { deadline: formatDate(locale, lastDay(d.closesAt), d.timeZone) })} ${t("campaigns.reminder.controls")}` },
      ],
    };
  },
};

const summary: NotificationRenderer = {
  kind: "campaign.summary",
  render(t, locale, data): ChatMessage {
    const d = summaryPayload.parse(data);
    const title = t("campaigns.summary.title", { quarter: d.label, network: d.networkName });
    return {
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: t("campaigns.summary.text", { quarter: d.label }) },
        {
          type: "fields",
          fields: [
            { label: t("reporting.status.reported"), value: `${d.reported} / ${d.employers}` },
            { label: t("reporting.status.responseRate"), value: formatPercent(locale, d.responseRate) },
            { label: t("reporting.status.realised"), value: formatNumber(locale, d.realised) },
            { label: t("reporting.status.ambition"), value: formatNumber(locale, d.ambition) },
          ],
        },
        { type: "text", text: d.missing.length ? t("campaigns.summary.missing", { names: d.missing.join(", ") }) : t("campaigns.summary.allIn") },
      ],
    };
  },
};

const replacedPayload = z.object({ employerName: z.string(), label: z.string(), before: z.number(), after: z.number(), by: z.string() });

/** To whoever gave a figure a colleague then replaced (issue 12). */
const replaced: NotificationRenderer = {
  kind: "report.replaced",
  render(t, locale, data): ChatMessage {
    const d = replacedPayload.parse(data);
    const title = t("figures.replaced.title", { quarter: d.label });
    const text = t("figures.replaced.text", { by: d.by || "?", employer: d.employerName, quarter: d.label, before: formatNumber(locale, d.before), after: formatNumber(locale, d.after) });
    return { summary: title, blocks: [{ type: "header", text: title }, { type: "text", text }] };
  },
};

export const reportingRenderers: NotificationRenderer[] = [prompt, reminder, summary, replaced];
