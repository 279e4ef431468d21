import { exportMemberList } from "../../core/import/export-members.js";
import type { AdminCommand } from "../command.js";
import { formatMessage } from "../../i18n/message-format.js";
import { coordinatorOf, formatFlag, parsed, parseFlags, refusal, writeOutput } from "./spreadsheet-io.js";

const usage = "export members --network <slug> [--format csv|xlsx] [--out <bestand>]";

export const exportMembersCommand: AdminCommand = {
  name: "export members",
  summary: "Schrijft de ledenlijst in het importsjabloon (CSV met ; of .xlsx): aanpassen in Excel en weer inlezen met import.",
  usage: usage.slice("export members ".length),
  async run(ctx, args) {
    const { values } = parseFlags(args, { network: { type: "string" }, format: { type: "string" }, out: { type: "string" } } as const, usage);
    const actor = await coordinatorOf(ctx, values.network);
    const result = await exportMemberList(ctx.deps, actor, { format: parsed(formatFlag, values.format), locale: "nl" });
    if (!result.ok) throw refusal(result.error);
    await writeOutput(ctx, result.value, values.out);
    if (values.out !== "-") ctx.out(formatMessage("nl", "{rows, plural, one {# rij} other {# rijen}} in de ledenlijst.", { rows: result.value.rows }));
  },
};
