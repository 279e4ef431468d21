import { campaignState, type CampaignState } from "../../core/campaigns/state.js";
import { formatShortDateTime } from "../../i18n/format.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, type Block, type ChatEffect } from "../message.js";

export { campaignState };

const at = (ctx: ChatContext, s: CampaignState, date: Date) => formatShortDateTime(ctx.locale, date, s.timeZone);

/** Paused or running, the quarter's period, and the last round: the head of `herinner` and `campagne`. */
export function stateBlocks(ctx: ChatContext, s: CampaignState): Block[] {
  const period =
    s.period === "open" && s.closesAt
      ? ctx.t("campaigns.state.open", { quarter: s.label, closes: at(ctx, s, s.closesAt) })
      : ctx.t(s.period === "closed" ? "campaigns.state.closed" : "campaigns.state.notOpened", { quarter: s.label });
  const round = s.lastRound ? ctx.t("campaigns.state.lastRound", { at: at(ctx, s, s.lastRound.at), people: s.lastRound.people, sent: s.lastRound.sent }) : ctx.t("campaigns.state.noRound");
  return [
    { type: "text", text: ctx.t(s.paused ? "campaigns.state.paused" : "campaigns.state.running") },
    { type: "text", text: [period, ctx.t("campaigns.state.notReported", { people: s.notReported }), round].join("\n") },
  ];
}

/** How many a round sent now reaches; when nobody, why. */
export function wouldRemindText(ctx: ChatContext, s: CampaignState): string {
  const lines = [ctx.t("campaigns.state.wouldRemind", { people: s.wouldRemind })];
  if (s.nobodyBecause === "roundToday") lines.push(ctx.t("campaigns.state.why.roundToday", { people: s.notReported }));
  else if (s.nobodyBecause) lines.push(ctx.t(`campaigns.state.why.${s.nobodyBecause}`));
  if (s.paused && s.wouldRemind > 0) lines.push(ctx.t("campaigns.state.waitsForResume"));
  return lines.join(" ");
}

function momentLine(ctx: ChatContext, s: CampaignState, m: CampaignState["next"][number]): string {
  const when = at(ctx, s, m.at);
  if (m.kind === "open") return ctx.t("campaigns.moment.open", { at: when, quarter: m.quarter });
  if (m.kind === "close") return ctx.t("campaigns.moment.close", { at: when, quarter: m.quarter });
  return ctx.t("campaigns.moment.reminder", { at: when, quarter: m.quarter, round: Number(m.kind.slice("reminder-".length)) });
}

/** `campagne` alone: the campaign's state and its next moments. */
export async function campaignOverview(ctx: ChatContext): Promise<ChatEffect[]> {
  const result = await ctx.core.run(campaignState, ctx.actor);
  if (!result.ok) return failureReply(ctx, result.error);
  const s = result.value;
  const title = ctx.t("campaigns.state.title", { quarter: s.label, network: s.networkName });
  const moments = s.next.length ? s.next.map((m) => `• ${momentLine(ctx, s, m)}`).join("\n") : ctx.t("campaigns.state.noNext");
  return [
    reply({
      summary: title,
      blocks: [
        { type: "header", text: title },
        ...stateBlocks(ctx, s),
        { type: "header", text: ctx.t("campaigns.state.next") },
        { type: "text", text: s.paused && s.next.length ? `${moments}\n${ctx.t("campaigns.state.waitsForResume")}` : moments },
        { type: "context", text: ctx.t("campaigns.state.commands") },
      ],
    }),
  ];
}
