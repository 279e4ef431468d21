import { listUpcomingEvents, type EventView } from "../core/events/index.js";
import { networkSettings } from "../core/reporting/periods.js";
import { myReports } from "../core/reporting/my-reports.js";
import { listSubgroups } from "../core/subgroups/list-subgroups.js";
import { periodStatus } from "../core/reporting/period-status.js";
import { formatDateTime } from "../i18n/format.js";
import { progressText, statusFields } from "../shared/figures-text.js";
import type { ChatContext } from "./context.js";
import type { Block, ChatMessage } from "./message.js";

// The Home tab is a glance, not an archive: the last few quarters and the next few meetings.
const HOME_REPORTS = 4;
const HOME_EVENTS = 5;

type HomeSection = (ctx: ChatContext) => Promise<Block[]>;

/**
 * A person's own overview (Slack App Home, Teams personal card, playground): their employer's
 * reports and what is due, their upcoming meetings and answers, their subgroups and contacts.
 */
export async function homeMessage(ctx: ChatContext): Promise<ChatMessage> {
  const network = await ctx.core.run(networkSettings, ctx.actor.networkId);
  const title = ctx.t("home.title", { name: ctx.actor.name });
  const sections = await Promise.all(homeSections.map((section) => section(ctx)));
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "context", text: ctx.t("home.intro", { network: network.name }) },
      ...sections.filter((blocks) => blocks.length > 0).flatMap((blocks) => [{ type: "divider" as const }, ...blocks]),
    ],
  };
}

async function reportsSection(ctx: ChatContext): Promise<Block[]> {
  if (!ctx.actor.employerId) return [{ type: "text", text: ctx.t("home.reports.noEmployer") }];
  const result = await ctx.core.run(myReports, ctx.actor);
  if (!result.ok) return [{ type: "text", text: ctx.t(result.error.key, result.error.params) }];
  const { current, reports, employerName, archived, progress } = result.value;
  const lines = reports.slice(0, HOME_REPORTS).map((r) =>
    ctx.t("figures.employerLine", { quarter: r.label, realised: r.realised, progress: progressText(ctx.t, ctx.locale, { ...progress, cumulative: r.cumulative }) }),
  );
  return [
    { type: "header", text: ctx.t("home.reports.title", { employer: employerName }) },
    {
      type: "text",
      text: archived ? ctx.t("reporting.employerArchived", { employer: employerName }) : ctx.t(current.reported ? "home.reports.done" : "home.reports.due", { quarter: current.label }),
    },
    ...(current.reported || archived
      ? []
      : [{ type: "actions" as const, buttons: [{ action: "report.open", label: ctx.t("reporting.button.report"), value: "", style: "primary" as const }] }]),
    { type: "text", text: ctx.t("figures.progressLine", { progress: progressText(ctx.t, ctx.locale, progress) }) },
    { type: "context", text: lines.length ? lines.join("\n") : ctx.t("home.reports.none") },
  ];
}

/** Coordinators: this quarter's network figures, the same numbers as `status`. */
async function networkSection(ctx: ChatContext): Promise<Block[]> {
  if (ctx.actor.role !== "COORDINATOR") return [];
  const result = await ctx.core.run(periodStatus, ctx.actor);
  if (!result.ok) return [{ type: "text", text: ctx.t(result.error.key, result.error.params) }];
  const s = result.value;
  return [
    { type: "header", text: ctx.t("reporting.status.title", { quarter: s.label, network: s.networkName }) },
    {
      type: "fields",
fields: statusFields(ctx.t, ctx.locale, s.totals),
    },
  ];
}

async function eventsSection(ctx: ChatContext): Promise<Block[]> {
  const result = await ctx.core.run(listUpcomingEvents, ctx.actor);
  const events = result.ok ? result.value.slice(0, HOME_EVENTS) : [];
  const header: Block = { type: "header", text: ctx.t("home.events.title") };
  if (events.length === 0) return [header, { type: "text", text: ctx.t("home.events.none") }];
  return [header, { type: "text", text: events.map((e) => eventLine(ctx, e)).join("\n") }];
}

function eventLine(ctx: ChatContext, event: EventView): string {
  const mine = event.mine;
  const answer = !mine
    ? ctx.t("home.rsvp.none")
    : mine.waitlisted
      ? ctx.t("home.rsvp.waitlisted", { position: mine.position ?? "?" })
      : ctx.t(`home.rsvp.${mine.response}`);
  return ctx.t("home.events.line", {
    number: event.number,
    title: event.title,
    when: formatDateTime(ctx.locale, event.startsAt, event.network.timeZone),
    answer,
  });
}

async function subgroupsSection(ctx: ChatContext): Promise<Block[]> {
  const result = await ctx.core.run(listSubgroups, ctx.actor);
  const mine = result.ok ? result.value.subgroups.filter((s) => s.isMember) : [];
  const header: Block = { type: "header", text: ctx.t("home.subgroups.title") };
  if (mine.length === 0) return [header, { type: "text", text: ctx.t("home.subgroups.none") }];
  const lines = mine.map((s) =>
    ctx.t("home.subgroups.line", {
      name: s.name,
      contacts: s.contacts.length ? s.contacts.map((c) => (c.employer ? `${c.name} (${c.employer})` : c.name)).join(", ") : ctx.t("home.subgroups.noContacts"),
    }),
  );
  return [header, { type: "text", text: lines.join("\n") }];
}

// Each domain contributes one section, in this order.
const homeSections: HomeSection[] = [networkSection, reportsSection, eventsSection, subgroupsSection];
