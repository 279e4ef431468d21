import { exportMemberList } from "../../core/import/export-members.js";
import { failureReply } from "../failures.js";
import { reply, textMessage } from "../message.js";
import type { Command } from "../registry.js";

// "leden export [xlsx]": the same file as the dashboard's download and `npm run admin -- export
// members`. Importing needs the preview and its Apply button, so that stays on the dashboard.
const exportWords = /^(export|exporteer|download)(?:\s+(csv|xlsx|excel))?$/i;

const memberList: Command = {
  name: "leden",
  aliases: ["ledenlijst", "members"],
  coordinatorOnly: true,
  help: "import.help.memberList",
  async run(ctx, args) {
    const match = exportWords.exec(args.trim());
    if (!match) return [reply(textMessage(ctx.t("import.chat.usage")))];
    const format = match[2] && match[2].toLowerCase() !== "csv" ? "xlsx" : "csv";
    const result = await ctx.core.run(exportMemberList, ctx.actor, { format });
    if (!result.ok) return failureReply(ctx, result.error);
    const file = result.value;
    return [
      reply(textMessage(ctx.t("import.chat.exported", { rows: file.rows }))),
      { type: "file", file: { filename: file.filename, mimeType: file.mimeType, content: file.content, title: ctx.t("import.chat.title") } },
    ];
  },
};

export const memberListCommands: Command[] = [memberList];
