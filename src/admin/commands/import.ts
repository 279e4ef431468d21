import { describePlan } from "../../core/import/describe.js";
import { memberListTemplate } from "../../core/import/export-members.js";
import { applyImport, previewImport } from "../../core/import/import-members.js";
import type { ImportPlan } from "../../core/import/plan.js";
import { translator } from "../../i18n/index.js";
import { AdminError, type AdminCommand, type AdminContext } from "../command.js";
import { coordinatorOf, formatFlag, parsed, parseFlags, readUpload, refusal, writeOutput } from "./spreadsheet-io.js";

const usage = "import <bestand> --network <slug> [--dry-run] [--all]  |  import --template [--format csv|xlsx] [--out <bestand>]";
const flags = {
  network: { type: "string" },
  "dry-run": { type: "boolean" },
  all: { type: "boolean" },
  template: { type: "boolean" },
  format: { type: "string" },
  out: { type: "string" },
} as const;

// Long lists (a first import of the whole network) are cut here unless --all is given.
const LINES_PER_SECTION = 25;

export const importCommand: AdminCommand = {
  name: "import",
  summary: "Leest de ledenlijst (CSV of .xlsx, één rij per contactpersoon) in; met --dry-run alleen het voorstel. --template schrijft het lege sjabloon.",
  usage: usage.slice("import ".length),
  needsDatabase: (args) => !args.includes("--template"),
  async run(ctx, args) {
    const { values, positionals } = parseFlags(args, flags, usage);
    if (values.template) return writeTemplate(ctx, values.format, values.out);
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new AdminError(`Geef één bestand.\nGebruik: npm run admin -- ${usage}`, 64);
    const actor = await coordinatorOf(ctx, values.network);
    const bytes = await readUpload(file);

    if (values["dry-run"]) {
      const result = await previewImport(ctx.deps, actor, bytes);
      if (!result.ok) throw refusal(result.error);
      printPlan(ctx, result.value, values.all);
      if (result.value.badRows.length > 0) throw new AdminError(translator("nl")("import.plan.fixFirst", { count: result.value.badRows.length }));
      return;
    }
    const result = await applyImport(ctx.deps, actor, bytes);
    if (!result.ok) {
      // Show what is wrong with the file before the refusal, so the rows can be fixed.
      if (result.error.key === "import.apply.badRows") {
        const preview = await previewImport(ctx.deps, actor, bytes);
        if (preview.ok) printPlan(ctx, preview.value, values.all, false);
      }
      throw refusal(result.error);
    }
    printPlan(ctx, result.value.plan, values.all, false);
    const t = translator("nl");
    ctx.out("");
    ctx.out(result.value.changed ? t("import.apply.done", { ...result.value.counts }) : t("import.apply.nothing"));
  },
};

async function writeTemplate(ctx: AdminContext, format: unknown, out: string | undefined) {
  const result = await memberListTemplate({ format: parsed(formatFlag, format) });
  if (!result.ok) throw refusal(result.error);
  await writeOutput(ctx, result.value, out);
}

function printPlan(ctx: AdminContext, plan: ImportPlan, all: boolean | undefined, withVerdict = true) {
  const description = describePlan(plan, "nl", all ? Infinity : LINES_PER_SECTION);
  for (const note of description.notes) ctx.out(note);
  for (const section of description.sections) {
    ctx.out("");
    // A title that explains itself ends in a full stop already.
    ctx.out(/[.:]$/.test(section.title) ? section.title : `${section.title}:`);
    for (const line of section.lines) ctx.out(`  ${line}`);
    if (section.more > 0) ctx.out(`  … en nog ${section.more} (alles zien: --all)`);
  }
  if (withVerdict) {
    ctx.out("");
    ctx.out(description.verdict);
  }
}
