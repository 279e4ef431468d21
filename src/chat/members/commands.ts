import { erasePersonData } from "../../core/members/erase-data.js";
import { personDataSpreadsheet } from "../../core/members/person-data-file.js";
import { setLanguage } from "../../core/members/language.js";
import { privacySubject } from "../../core/members/subject.js";
import { translator } from "../../i18n/index.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { employerActions, employerCommands, employerForms } from "./employers.js";
import { personActions, personCommands, personForms } from "./people.js";
import { profileActions, profileCommands, profileForms } from "./profile.js";
import { reply, textMessage, type ChatEffect, type ChatMessage } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { reportingCommands } from "../reporting/commands.js";

const language: Command = {
  name: "taal",
  aliases: ["language", "lang"],
  help: "members.help.language",
  async run(ctx, args) {
    if (args === "") return [reply(textMessage(ctx.t("members.language.current", { locale: ctx.locale })))];
    const result = await ctx.core.run(setLanguage, ctx.actor, { locale: args });
    if (!result.ok) return failureReply(ctx, result.error);
    // Confirm in the language just chosen: that is the proof it worked.
    return [reply(textMessage(translator(result.value.locale)("members.language.set")))];
  },
};

// "mijn gegevens", "mijn gegevens xlsx", "gegevens fleur@… json": the file type comes last.
const fileType = /^(?:(.*?)\s+)?(csv|xlsx|excel|json)$/i;

async function exportEffects(ctx: ChatContext, args: string): Promise<ChatEffect[]> {
  const typed = fileType.exec(args.trim());
  const person = (typed ? typed[1] ?? "" : args).trim() || undefined;
  const word = typed?.[2]!.toLowerCase();
  const format = word === "excel" ? "xlsx" : ((word ?? "csv") as "csv" | "xlsx" | "json");
  const result = await ctx.core.run(personDataSpreadsheet, ctx.actor, { person, format });
  if (!result.ok) return failureReply(ctx, result.error);
  const { filename, mimeType, content, data } = result.value;
  const other = person !== undefined && data.person.id !== ctx.actor.personId;
  const kind = { csv: "CSV", xlsx: "Excel", json: "JSON" }[format];
  return [
    reply(textMessage(other ? ctx.t("members.export.other", { name: data.person.name, format: kind }) : ctx.t("members.export.done", { format: kind }))),
    { type: "file", file: { filename, mimeType, content, title: ctx.t("members.export.title", { name: data.person.name }) } },
  ];
}

const dataWords = /^(?:gegevens|data|mijn gegevens|my data)(?:\s+(csv|xlsx|excel|json))?$/i;

/** "mijn gegevens"; plain "mijn" keeps meaning "mijn rapportages" as before. */
const mine: Command = {
  name: "mijn",
  aliases: ["my"],
  help: "members.help.export",
  async run(ctx, args) {
    const asked = dataWords.exec(args.trim());
    if (asked) return exportEffects(ctx, asked[1] ?? "");
    const reports = reportingCommands.find((c) => c.name === "rapportages");
    return reports ? reports.run(ctx, args) : [reply(textMessage(ctx.t("chat.unknownCommand", { command: "mijn" })))];
  },
};

const data: Command = {
  name: "gegevens",
  aliases: ["data", "privacy"],
  listedForCoordinators: true,
  help: "members.help.exportOther",
  run: (ctx, args) => exportEffects(ctx, args),
};

const ownData = /^(mijn gegevens|my data)$/i;
const otherData = /^(?:gegevens|data)\s+(\S+)$/i;

const erase: Command = {
  name: "verwijder",
  aliases: ["erase", "delete"],
  help: "members.help.erase",
  coordinatorHelp: "members.help.eraseOther",
  async run(ctx, args) {
    const other = otherData.exec(args);
    if (!ownData.test(args) && !other) return [reply(textMessage(ctx.t("members.erase.usage")))];
    // Checked now so a member asking for someone else is refused before seeing a button.
    const subject = await ctx.core.run(privacySubject, ctx.actor, other ? { person: other[1] } : {});
    if (!subject.ok) return failureReply(ctx, subject.error);
    const { id, name, self } = subject.value;
    return [reply(eraseConfirmation(ctx, id, self ? null : name))];
  },
};

function eraseConfirmation(ctx: ChatContext, personId: string, otherName: string | null): ChatMessage {
  const title = otherName ? ctx.t("members.erase.confirmOther", { name: otherName }) : ctx.t("members.erase.confirmSelf");
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: ctx.t("members.erase.explain") },
      {
        type: "actions",
        buttons: [
          { action: "members.erase.confirm", label: ctx.t("members.erase.button.confirm"), value: personId, style: "danger" },
          { action: "members.erase.cancel", label: ctx.t("members.erase.button.cancel"), value: "" },
        ],
      },
    ],
  };
}

const confirmErase: ActionHandler = {
  action: "members.erase.confirm",
  async run(ctx, value) {
    const result = await ctx.core.run(erasePersonData, ctx.actor, { person: value });
    if (!result.ok) return failureReply(ctx, result.error);
    const text = ctx.t(result.value.self ? "members.erase.doneSelf" : "members.erase.doneOther");
    return [{ type: "update", message: textMessage(text) }];
  },
};

const cancelErase: ActionHandler = {
  action: "members.erase.cancel",
  async run(ctx) {
    return [{ type: "update", message: textMessage(ctx.t("members.erase.cancelled")) }];
  },
};

export const memberCommands: Command[] = [language, mine, data, erase, ...profileCommands, ...employerCommands, ...personCommands];
export const memberActions: ActionHandler[] = [confirmErase, cancelErase, ...profileActions, ...employerActions, ...personActions];
export const memberForms: FormHandler[] = [...profileForms, ...employerForms, ...personForms];
