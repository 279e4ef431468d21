import { chooseChannel, currentChannel } from "../../core/channels/choose-channel.js";
import type { MessageKey } from "../../i18n/index.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type ChatEffect } from "../message.js";
import type { Command } from "../registry.js";

const channelName = (ctx: ChatContext, channel: "SLACK" | "TEAMS" | "EMAIL") => ctx.t(`channels.name.${channel}` satisfies MessageKey);

async function showChannel(ctx: ChatContext): Promise<ChatEffect[]> {
  const current = await ctx.core.run(currentChannel, ctx.actor);
  const lines = [
    current.channel ? ctx.t("channels.current.chosen", { channel: channelName(ctx, current.channel) }) : ctx.t("channels.current.auto"),
    ...(current.emailFailing ? [ctx.t("channels.current.failing")] : []),
    ctx.t("channels.current.hint"),
  ];
  return [reply(textMessage(lines.join("\n")))];
}

/** `kanaal slack|teams|e-mail|automatisch`: where the bot's own messages reach the person. */
const channel: Command = {
  name: "kanaal",
  aliases: ["channel"],
  help: "channels.help",
  async run(ctx, args) {
    if (args.trim() === "") return showChannel(ctx);
    const result = await ctx.core.run(chooseChannel, ctx.actor, { channel: args });
    if (!result.ok) return failureReply(ctx, result.error);
    const chosen = result.value.channel;
    return [reply(textMessage(chosen ? ctx.t("channels.set.chosen", { channel: channelName(ctx, chosen) }) : ctx.t("channels.set.auto")))];
  },
};

export const channelCommands: Command[] = [channel];
