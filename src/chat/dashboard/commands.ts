import { createSignInLink } from "../../core/dashboard/sign-in.js";
import { formatDateTime } from "../../i18n/format.js";
import type { ChatContext } from "../context.js";
import { reply, textMessage, type Block } from "../message.js";
import type { ActionHandler, Command } from "../registry.js";

/**
 * "dashboard": a one-time sign-in link, answered privately. Coordinators see the network,
 * members only their own employer (decided in core when the dashboard is opened).
 */
const dashboard: Command = {
  name: "dashboard",
  aliases: ["overzicht"],
  help: "dashboard.help",
  async run(ctx) {
    if (!ctx.links.baseUrl()) return [reply(textMessage(ctx.t("dashboard.command.unavailable")))];
    const { token, expiresAt } = await ctx.core.run(createSignInLink, ctx.actor);
    const url = ctx.links.dashboardLinkUrl(token)!;
    const text = ctx.t("dashboard.command.link", { time: formatDateTime(ctx.locale, expiresAt) });
    return [
      reply({
        summary: text,
        blocks: [
          { type: "text", text },
          { type: "actions", buttons: [{ action: "dashboard.open", label: ctx.t("dashboard.command.button"), value: "", url, style: "primary" }] },
        ],
      }),
    ];
  },
};

export const dashboardCommands: Command[] = [dashboard];

// Slack also reports a click on a link button as an action; the link itself does the work.
const openDashboard: ActionHandler = { action: "dashboard.open", run: async () => [] };
export const dashboardActions: ActionHandler[] = [openDashboard];

/** The placements chart for the status message, when the web address is known. */
export function statusChartBlocks(ctx: ChatContext): Block[] {
  const url = ctx.links.chartImageUrl(ctx.actor.networkId, ctx.core.now());
  return url ? [{ type: "image", url, alt: ctx.t("dashboard.chart.alt") }] : [];
}
