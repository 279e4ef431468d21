import { archiveEmployer, archiveImpact, restoreEmployer, type ArchiveImpact } from "../../core/members/archive-employer.js";
import { createEmployer } from "../../core/members/create-employer.js";
import { viewEmployerProfile } from "../../core/members/employer-profile.js";
import { listEmployers } from "../../core/members/list-employers.js";
import { listPeople } from "../../core/members/list-people.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type Block, type ChatEffect, type ChatMessage, type Form } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { ARCHIVE_ASK_ACTION, formValues, openProfileForm, PROFILE_FIELD_IDS, profileFields, profileMessage, RESTORE_ACTION } from "./profile.js";
import { personLine } from "./person-view.js";
import { employerCondition } from "../../core/conditions/condition-state.js";
import { conditionStateText } from "../../shared/condition-state-text.js";

export const NEW_EMPLOYER_FORM_ID = "members.employer.new";
const ARCHIVE_CONFIRM_ACTION = "members.employer.archive.confirm";
const ARCHIVE_CANCEL_ACTION = "members.employer.archive.cancel";
// A chat reply longer than this is not read; the dashboard lists them all.
const MAX_LISTED = 30;

const verbs: Record<string, "new" | "edit" | "archive" | "restore"> = {
  nieuw: "new", new: "new", toevoegen: "new", add: "new",
  wijzig: "edit", bewerk: "edit", edit: "edit",
  archiveer: "archive", archive: "archive",
  herstel: "restore", restore: "restore", dearchiveer: "restore", unarchive: "restore",
};

const employer: Command = {
  name: "werkgever",
  aliases: ["employer", "organisatie"],
  coordinatorOnly: true,
  help: "members.help.employer",
  async run(ctx, args) {
    const [word = "", ...rest] = args.split(/\s+/).filter(Boolean);
    const verb = verbs[word.toLowerCase()];
    const ref = verb ? rest.join(" ") : args.trim();
    if (verb === "new") return [{ type: "openForm", form: newEmployerForm(ctx) }];
    if (ref === "") return [reply(textMessage(ctx.t("members.employer.usage")))];
    if (verb === "edit") return openProfileForm(ctx, ref);
    if (verb === "archive") return askToArchive(ctx, ref);
    if (verb === "restore") return restore(ctx, ref, "reply");
    return [reply(await employerCard(ctx, ref))];
  },
};

/** The profile with the people of the employer, for coordinators. */
async function employerCard(ctx: ChatContext, ref: string, notice?: string): Promise<ChatMessage> {
  const profile = await ctx.core.run(viewEmployerProfile, ctx.actor, { employerId: ref });
  if (!profile.ok) return textMessage(ctx.t(profile.error.key, profile.error.params));
  const people = await ctx.core.run(listPeople, ctx.actor, { employer: profile.value.employerId });
  const lines = people.ok ? people.value.map((p) => `• ${personLine(ctx, p)}`) : [];
  const extra: Block[] = [{ type: "text", text: [ctx.t("members.employer.people"), ...(lines.length ? lines : [ctx.t("members.employer.noPeople")])].join("\n") }];
  const condition = await ctx.core.run(employerCondition, ctx.actor, profile.value.employerId);
  if (condition.ok && condition.value) {
    const { state, confirmedByName } = condition.value;
    const by = confirmedByName ? ctx.t("conditions.view.by", { name: confirmedByName }) : "";
    extra.push({ type: "fields", fields: [{ label: ctx.t("conditions.state.label"), value: `${conditionStateText(ctx.t, ctx.locale, state)}${by}` }] });
  }
  return profileMessage(ctx, profile.value, notice, extra);
}

const employers: Command = {
  name: "werkgevers",
  aliases: ["employers"],
  coordinatorOnly: true,
  help: "members.help.employers",
  async run(ctx, args) {
    const archived = /^(gearchiveerd|archived|archief)\b/i.exec(args);
    const term = (archived ? args.slice(archived[0].length) : args).trim();
    const result = await ctx.core.run(listEmployers, ctx.actor, { term: term || undefined, archived: Boolean(archived) });
    if (!result.ok) return failureReply(ctx, result.error);
    const { employers: rows, archived: archivedCount } = result.value;
    const title = ctx.t(archived ? "members.employers.archivedTitle" : "members.employers.title", { count: rows.length });
    const lines = rows.slice(0, MAX_LISTED).map((e) => {
      const line = `• ${ctx.t("members.employers.line", { name: e.name, branche: e.branche, location: e.location, people: e.people })}`;
      return e.condition ? `${line} — ${ctx.t("conditions.state.label")}: ${conditionStateText(ctx.t, ctx.locale, e.condition)}` : line;
    });
    const blocks: Block[] = [{ type: "header", text: title }, { type: "text", text: lines.join("\n") || ctx.t("members.employers.none") }];
    if (rows.length > MAX_LISTED) blocks.push({ type: "context", text: ctx.t("members.employers.more", { shown: MAX_LISTED, total: rows.length }) });
    if (!archived && archivedCount > 0) blocks.push({ type: "context", text: ctx.t("members.employers.archivedHint", { count: archivedCount }) });
    return [reply({ summary: title, blocks })];
  },
};

async function askToArchive(ctx: ChatContext, ref: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(archiveImpact, ctx.actor, { employer: ref });
  if (!result.ok) return failureReply(ctx, result.error);
  if (result.value.employer.archivedAt) return [reply(textMessage(ctx.t("members.employer.alreadyArchived", { name: result.value.employer.name })))];
  return [reply(archiveConfirmation(ctx, result.value))];
}

/** Says what archiving does before it is done: the coordinator confirms with a button. */
function archiveConfirmation(ctx: ChatContext, impact: ArchiveImpact): ChatMessage {
  const { employer: e } = impact;
  const title = ctx.t("members.employer.archive.confirm", { name: e.name });
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: ctx.t("members.employer.archive.explain", { name: e.name }) },
      {
        type: "fields",
        fields: [
          { label: ctx.t("members.employer.archive.people"), value: String(impact.people) },
          { label: ctx.t("members.employer.archive.contacts"), value: String(impact.reportingContacts) },
          { label: ctx.t("members.employer.archive.reports"), value: String(impact.reports) },
        ],
      },
      {
        type: "actions",
        buttons: [
          { action: ARCHIVE_CONFIRM_ACTION, label: ctx.t("members.employer.archive.button"), value: e.id, style: "danger" },
          { action: ARCHIVE_CANCEL_ACTION, label: ctx.t("members.erase.button.cancel"), value: e.id },
        ],
      },
    ],
  };
}

const askArchive: ActionHandler = { action: ARCHIVE_ASK_ACTION, run: askToArchive };

const confirmArchive: ActionHandler = {
  action: ARCHIVE_CONFIRM_ACTION,
  async run(ctx, value) {
    const result = await ctx.core.run(archiveEmployer, ctx.actor, { employer: value });
    if (!result.ok) return failureReply(ctx, result.error);
    const { employer: e } = result.value;
    return [{ type: "update", message: withRestoreButton(ctx, ctx.t("members.employer.archived", { name: e.name }), e.id) }];
  },
};

const cancelArchive: ActionHandler = {
  action: ARCHIVE_CANCEL_ACTION,
  async run(ctx) {
    return [{ type: "update", message: textMessage(ctx.t("members.employer.archive.cancelled")) }];
  },
};

function withRestoreButton(ctx: ChatContext, text: string, employerId: string): ChatMessage {
  return {
    summary: text,
    blocks: [
      { type: "text", text },
      { type: "actions", buttons: [{ action: RESTORE_ACTION, label: ctx.t("members.employer.button.restore"), value: employerId }] },
    ],
  };
}

async function restore(ctx: ChatContext, ref: string, how: "reply" | "update"): Promise<ChatEffect[]> {
  const result = await ctx.core.run(restoreEmployer, ctx.actor, { employer: ref });
  if (!result.ok) return failureReply(ctx, result.error);
  const message = textMessage(ctx.t("members.employer.restored", { name: result.value.name }));
  return [how === "reply" ? reply(message) : { type: "update", message }];
}

const restoreAction: ActionHandler = { action: RESTORE_ACTION, run: (ctx, value) => restore(ctx, value, "update") };

export function newEmployerForm(ctx: ChatContext): Form {
  return {
    id: NEW_EMPLOYER_FORM_ID,
    title: ctx.t("members.employer.newTitle"),
    submitLabel: ctx.t("members.employer.create"),
    fields: profileFields(ctx),
  };
}

const newEmployerHandler: FormHandler = {
  id: NEW_EMPLOYER_FORM_ID,
  async submit(ctx, values) {
    const result = await ctx.core.run(createEmployer, ctx.actor, formValues(values, PROFILE_FIELD_IDS));
    if (!result.ok) return formFailure(ctx, result.error, newEmployerForm(ctx));
    return [reply(profileMessage(ctx, result.value, ctx.t("members.employer.created", { name: result.value.name })))];
  },
};

export const employerCommands: Command[] = [employer, employers];
export const employerActions: ActionHandler[] = [askArchive, confirmArchive, cancelArchive, restoreAction];
export const employerForms: FormHandler[] = [newEmployerHandler];
