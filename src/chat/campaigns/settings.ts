import type { CampaignSettings } from "../../core/campaigns/settings.js";
import { campaignSettings, setCampaignSettings } from "../../core/campaigns/settings.js";
import type { CampaignSettingsInput } from "../../core/campaigns/schema.js";
import { quarterLabel, quarterOf } from "../../core/reporting/quarters.js";
import { formatDate } from "../../i18n/format.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type ChatEffect } from "../message.js";
import type { Command } from "../registry.js";

// Dutch words first; the English ones so the command reads the same in an English reply.
const FIELDS: Record<string, keyof CampaignSettingsInput> = {
  herinneringen: "reminders", herinnering: "reminders", reminders: "reminders", reminder: "reminders",
  opent: "opensDay", open: "opensDay", opens: "opensDay",
  sluit: "closesAfterDays", sluiting: "closesAfterDays", closes: "closesAfterDays", close: "closesAfterDays",
};
const TOPIC = new Set(["rapportage", "rapporteren", "reporting", "report"]);

/** "herinneringen 7, 14 opent 1 sluit 30" → the raw fields core validates; a word we do not know is returned. */
export function parseSettings(args: string): { ok: true; input: CampaignSettingsInput } | { ok: false; word: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words[0] && TOPIC.has(words[0].toLowerCase())) words.shift();
  const input: Record<string, string> = {};
  let field: string | undefined;
  for (const word of words) {
    const named = FIELDS[word.toLowerCase()];
    if (named) {
      field = named;
      input[field] = "";
    } else if (field) input[field] = `${input[field]} ${word}`.trim();
    else return { ok: false, word };
  }
  return { ok: true, input };
}

function settingsReply(ctx: ChatContext, s: CampaignSettings, note: string | null): ChatEffect[] {
  const { t, locale } = ctx;
  const date = (d: Date) => formatDate(locale, d, s.timeZone);
  const title = t("settings.title", { network: s.networkName });
  const lines = [
    t("settings.opens", { days: s.periodOpensDay }),
    t("settings.reminders", { count: s.reminderOffsetsDays.length, days: s.reminderOffsetsDays.join(", ") }),
    t("settings.closes", { days: s.periodClosesAfterDays }),
  ];
  const quarter = t("settings.quarter", {
    quarter: quarterLabel(quarterOf(ctx.core.now(), s.timeZone)),
    opens: date(s.next.opensAt),
    count: s.next.reminders.length,
    reminders: s.next.reminders.map(date).join(", "),
    // closesAt is the midnight that ends the last day.
    last: date(new Date(s.next.closesAt.getTime() - 60_000)),
  });
  return [
    reply({
      summary: title,
      blocks: [
        { type: "header", text: title },
        ...(note ? [{ type: "text" as const, text: note }] : []),
        { type: "text", text: lines.join("\n") },
        { type: "text", text: quarter },
        { type: "context", text: t("settings.usage") },
      ],
    }),
  ];
}

const settings: Command = {
  name: "instellingen",
  aliases: ["settings"],
  coordinatorOnly: true,
  help: "settings.help",
  async run(ctx, args) {
    const parsed = parseSettings(args);
    if (!parsed.ok) return [reply(textMessage(`${ctx.t("settings.unknownWord", { word: parsed.word })} ${ctx.t("settings.usage")}`))];
    if (Object.keys(parsed.input).length === 0) {
      const current = await ctx.core.run(campaignSettings, ctx.actor);
      return current.ok ? settingsReply(ctx, current.value, null) : failureReply(ctx, current.error);
    }
    const result = await ctx.core.run(setCampaignSettings, ctx.actor, parsed.input);
    if (!result.ok) return failureReply(ctx, result.error);
    return settingsReply(ctx, result.value, ctx.t(result.value.changed.length ? "settings.saved" : "settings.unchanged"));
  },
};

export const settingsCommands: Command[] = [settings];
