import { isCoordinator } from "../../core/actor.js";
import { deliveryFailures } from "../../core/campaigns/failures.js";
import { previewReminders, setCampaignPaused, triggerReminders } from "../../core/campaigns/manage.js";
import { setQuietHours, snooze } from "../../core/campaigns/preferences.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type Block, type ChatEffect } from "../message.js";
import { renderNotification } from "../notifications.js";
import type { ActionHandler, Command } from "../registry.js";
import { settingsCommands } from "./settings.js";
import { campaignOverview, campaignState, stateBlocks, wouldRemindText } from "./state.js";

const say = (text: string): ChatEffect[] => [reply(textMessage(text))];

function coordinatorsOnly(ctx: ChatContext, command: string): ChatEffect[] | null {
  return isCoordinator(ctx.actor) ? null : say(ctx.t("chat.coordinatorOnly", { command }));
}

/** `herinner`: the real state (paused, last round, who a round now reaches and why not), then a sample. */
async function preview(ctx: ChatContext): Promise<ChatEffect[]> {
  const [result, state] = await Promise.all([ctx.core.run(previewReminders, ctx.actor), ctx.core.run(campaignState, ctx.actor)]);
  if (!result.ok) return failureReply(ctx, result.error);
  if (!state.ok) return failureReply(ctx, state.error);
  const p = result.value;
  const s = state.value;
  const title = ctx.t("campaigns.preview.title", { quarter: p.label });
  const head: Block[] = [{ type: "header", text: title }, ...stateBlocks(ctx, s), { type: "text", text: wouldRemindText(ctx, s) }];
  if (s.wouldRemind === 0 || !p.sample || !p.closesAt) return [reply({ summary: title, blocks: head })];
  const sample = renderNotification("campaign.reminder", ctx.locale, {
    networkName: p.networkName,
    label: p.label,
    employerName: p.sample.employerName,
    closesAt: p.closesAt.toISOString(),
    timeZone: p.timeZone,
  });
  return [
    reply({
      summary: title,
      blocks: [
        ...head,
        { type: "context", text: ctx.t("campaigns.preview.counts", { people: p.people, employers: p.employers }) },
        { type: "actions", buttons: [{ action: "campaign.remind", label: ctx.t("campaigns.preview.trigger"), value: "now", style: "primary" }] },
        { type: "divider" },
        { type: "context", text: ctx.t("campaigns.preview.sample") },
        ...sample.blocks.filter((b) => b.type !== "actions"),
      ],
    }),
  ];
}

async function trigger(ctx: ChatContext): Promise<ChatEffect[]> {
  const result = await ctx.core.run(triggerReminders, ctx.actor);
  if (!result.ok) return failureReply(ctx, result.error);
  const { label, people } = result.value;
  return say(people ? ctx.t("campaigns.triggered", { quarter: label, people }) : ctx.t("campaigns.triggered.none", { quarter: label }));
}

async function snoozeReply(ctx: ChatContext, when: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(snooze, ctx.actor, when);
  if (!result.ok) return failureReply(ctx, result.error);
  return say(ctx.t("campaigns.snoozed", { until: formatDateTime(ctx.locale, result.value.until, result.value.timeZone) }));
}

async function failures(ctx: ChatContext): Promise<ChatEffect[]> {
  const result = await ctx.core.run(deliveryFailures, ctx.actor);
  if (!result.ok) return failureReply(ctx, result.error);
  const { dead, pending, retrying, failingAddresses } = result.value;
  const title = ctx.t("campaigns.failed.title");
  const lines = dead.map((d) => ctx.t("campaigns.failed.line", { name: d.name, kind: d.kind, attempts: d.attempts, error: d.error }));
  return [
    reply({
      summary: title,
      blocks: [
        { type: "header", text: title },
        { type: "text", text: lines.length ? lines.join("\n") : ctx.t("campaigns.failed.none") },
        { type: "context", text: ctx.t("campaigns.failed.pending", { pending, retrying }) },
        ...failingAddressBlocks(ctx, failingAddresses),
      ],
    }),
  ];
}

function failingAddressBlocks(ctx: ChatContext, failing: Array<{ name: string; email: string; since: Date; reason: string }>): Block[] {
  if (failing.length === 0) return [];
  const lines = failing.map((f) => ctx.t("channels.failing.line", { name: f.name, email: f.email, since: formatDate(ctx.locale, f.since), reason: f.reason }));
  return [
    { type: "header", text: ctx.t("channels.failing.title") },
    { type: "text", text: lines.join("\n") },
  ];
}

const remind: Command = {
  name: "herinner",
  aliases: ["remind", "herinnering"],
  // Members may only snooze (herinner me …), which the snooze line of their help already shows.
  listedForCoordinators: true,
  help: "campaigns.help.remind",
  async run(ctx, args) {
    const [word = "", ...rest] = args.split(/\s+/);
    const sub = word.toLowerCase();
    if (sub === "me") return snoozeReply(ctx, rest.join(" "));
    const denied = coordinatorsOnly(ctx, "herinner");
    if (denied) return denied;
    if (sub === "" || sub === "voorbeeld" || sub === "preview") return preview(ctx);
    if (sub === "nu" || sub === "now") return trigger(ctx);
    if (sub === "status" || sub === "mislukt" || sub === "failed") return failures(ctx);
    return say(ctx.t("campaigns.remind.usage"));
  },
};

const snoozeCommand: Command = {
  name: "uitstellen",
  aliases: ["snooze"],
  help: "campaigns.help.snooze",
  run: (ctx, args) => snoozeReply(ctx, args),
};

const quietHours: Command = {
  name: "stille",
  aliases: ["quiet"],
  help: "campaigns.help.quiet",
  async run(ctx, args) {
    const match = /^(?:uren|hours)\s+(?:(uit|off)|(\d{1,2})\s*-\s*(\d{1,2}))$/i.exec(args.trim());
    if (!match) return say(ctx.t("campaigns.quiet.usage"));
    const result = await ctx.core.run(setQuietHours, ctx.actor, match[1] ? null : { start: match[2], end: match[3] });
    if (!result.ok) return failureReply(ctx, result.error);
    return say(result.value ? ctx.t("campaigns.quiet.set", { start: result.value.start, end: result.value.end }) : ctx.t("campaigns.quiet.cleared"));
  },
};

const campaign: Command = {
  name: "campagne",
  aliases: ["campaign"],
  coordinatorOnly: true,
  help: "campaigns.help.campaign",
  async run(ctx, args) {
    const sub = args.trim().toLowerCase();
    if (sub === "" || sub === "stand" || sub === "status") return campaignOverview(ctx);
    const paused = ["pauzeer", "pause", "stop"].includes(sub) ? true : ["hervat", "resume", "start"].includes(sub) ? false : null;
    if (paused === null) return say(ctx.t("campaigns.campaign.usage"));
    const result = await ctx.core.run(setCampaignPaused, ctx.actor, paused);
    if (!result.ok) return failureReply(ctx, result.error);
    return say(ctx.t(paused ? "campaigns.paused" : "campaigns.resumed", { network: result.value.networkName }));
  },
};

const failed: Command = {
  name: "mislukt",
  aliases: ["failed"],
  coordinatorOnly: true,
  help: "campaigns.help.failed",
  run: (ctx) => failures(ctx),
};

/** The "Nu versturen" button under a preview. */
const remindNow: ActionHandler = {
  action: "campaign.remind",
  async run(ctx) {
    return coordinatorsOnly(ctx, "herinner") ?? trigger(ctx);
  },
};

export const campaignCommands: Command[] = [remind, snoozeCommand, quietHours, campaign, failed, ...settingsCommands];
export const campaignActions: ActionHandler[] = [remindNow];
