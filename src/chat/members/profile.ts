import { isCoordinator } from "../../core/actor.js";
import { updateEmployerProfile, viewEmployerProfile, type EmployerProfile } from "../../core/members/employer-profile.js";
import { FUNCTIONS, MAX_EMPLOYER_NAME, SIZE_BANDS } from "../../core/members/schema.js";
import { functionLabel, offerLabel, sizeLabel } from "../directory/commands.js";
import type { ChatContext } from "../context.js";
import { formatDate } from "../../i18n/format.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, type Block, type Button, type ChatMessage, type Form, type FormField } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";

export const PROFILE_FORM_ID = "members.profile";
export const ARCHIVE_ASK_ACTION = "members.employer.archive.ask";
export const RESTORE_ACTION = "members.employer.restore";


/** The employer's profile; coordinators also get the archive or restore button. */
export function profileMessage(ctx: ChatContext, p: EmployerProfile, notice?: string, extra: Block[] = []): ChatMessage {
  const none = "—";
  const buttons: Button[] = [{ action: "members.profile.edit", label: ctx.t("members.profile.button.edit"), value: p.employerId }];
  if (isCoordinator(ctx.actor)) {
    buttons.push(
      p.archivedAt
        ? { action: RESTORE_ACTION, label: ctx.t("members.employer.button.restore"), value: p.employerId }
        : { action: ARCHIVE_ASK_ACTION, label: ctx.t("members.employer.button.archive"), value: p.employerId, style: "danger" },
    );
  }
  return {
    summary: notice ?? p.name,
    blocks: [
      { type: "header", text: p.name },
      ...(notice ? [{ type: "context" as const, text: notice }] : []),
      ...(p.archivedAt ? [{ type: "context" as const, text: ctx.t("members.employer.archivedNotice") }] : []),
      {
        type: "fields",
        fields: [
          { label: ctx.t("members.profile.branche"), value: p.branche },
          { label: ctx.t("members.profile.size"), value: sizeLabel(ctx, p.sizeBand) },
          { label: ctx.t("members.profile.location"), value: p.location },
          { label: ctx.t("members.profile.region"), value: p.region },
          { label: ctx.t("members.profile.offers"), value: p.offers.map((o) => offerLabel(ctx, o)).join(", ") || none },
          { label: ctx.t("members.profile.maturity"), value: `${p.inclusionMaturity} / 5` },
          { label: ctx.t("members.profile.ambition"), value: ambitionText(ctx, p) },
          { label: ctx.t("members.profile.challenges"), value: p.challenges.join(", ") || none },
        ],
      },
      ...(p.offerDescription ? [{ type: "text" as const, text: p.offerDescription }] : []),
      ...extra,
      { type: "actions", buttons },
    ],
  };
}

function ambitionText(ctx: ChatContext, p: EmployerProfile): string {
  if (!p.ambitionTargetDate) return String(p.ambition);
  return ctx.t("members.profile.ambitionBy", { ambition: p.ambition, date: formatDate(ctx.locale, p.ambitionTargetDate, "UTC") });
}

/**
 * The profile fields, empty for a new employer or filled in from `p`. Coordinators also get the
 * name (a new employer needs one; renaming is theirs alone).
 */
export function profileFields(ctx: ChatContext, p?: EmployerProfile): FormField[] {
  const sizes = SIZE_BANDS.map((value) => ({ value, label: sizeLabel(ctx, value) }));
  const name: FormField[] = isCoordinator(ctx.actor)
    ? [{ id: "name", kind: "text", label: ctx.t("members.employer.name"), required: true, initial: p?.name, maxLength: MAX_EMPLOYER_NAME }]
    : [];
  return [
    ...name,
    { id: "branche", kind: "text", label: ctx.t("members.profile.branche"), required: true, initial: p?.branche, maxLength: 100 },
    { id: "sizeBand", kind: "select", label: ctx.t("members.profile.size"), required: true, initial: p?.sizeBand, options: sizes },
    { id: "location", kind: "text", label: ctx.t("members.profile.location"), required: true, initial: p?.location, maxLength: 100 },
    { id: "region", kind: "text", label: ctx.t("members.profile.region"), required: true, initial: p?.region, maxLength: 100 },
    { id: "offers", kind: "text", label: ctx.t("members.profile.offers"), required: false, initial: p?.offers.map((o) => o.toLowerCase()).join(", "), hint: ctx.t("members.profile.offersHint") },
    { id: "offerDescription", kind: "textarea", label: ctx.t("members.profile.offerDescription"), required: false, initial: p?.offerDescription ?? undefined, maxLength: 500 },
    { id: "challenges", kind: "textarea", label: ctx.t("members.profile.challenges"), required: false, initial: p?.challenges.join(", "), hint: ctx.t("members.profile.challengesHint") },
    { id: "inclusionMaturity", kind: "number", label: ctx.t("members.profile.maturity"), required: true, initial: p?.inclusionMaturity ?? 1, min: 1, max: 5 },
    { id: "ambition", kind: "number", label: ctx.t("members.profile.ambition"), required: true, initial: p?.ambition ?? 0, min: 0 },
    // The ambition is a long-term target: a number and the day it should be reached (issue 12).
    { id: "ambitionTargetDate", kind: "date", label: ctx.t("members.profile.targetDate"), required: false, initial: p?.ambitionTargetDate?.toISOString().slice(0, 10), hint: ctx.t("members.profile.targetDateHint") },
  ];
}

export function profileForm(ctx: ChatContext, p: EmployerProfile): Form {
  return {
    id: PROFILE_FORM_ID,
    title: ctx.t(isCoordinator(ctx.actor) ? "members.employer.editTitle" : "members.profile.formTitle"),
    submitLabel: ctx.t("members.profile.save"),
    context: p.employerId,
    fields: profileFields(ctx, p),
  };
}

/** Opens the profile form for an employer (a coordinator's any, a member's own). */
export async function openProfileForm(ctx: ChatContext, employer: string | undefined) {
  const result = await ctx.core.run(viewEmployerProfile, ctx.actor, employer ? { employerId: employer } : {});
  if (!result.ok) return failureReply(ctx, result.error);
  return [{ type: "openForm" as const, form: profileForm(ctx, result.value) }];
}

const profile: Command = {
  name: "profiel",
  aliases: ["profile"],
  help: "members.help.profile",
  async run(ctx, args) {
    // "profiel ambitie 100 31-12-2028": the long-term ambition and its target date in one line.
    const ambition = /^(?:ambitie|ambition)\s+(\S+)(?:\s+(?:tot|doel|by|target)?\s*(\S+))?\s*$/i.exec(args.trim());
    if (ambition) {
      const [, value, date] = ambition;
      const result = await ctx.core.run(updateEmployerProfile, ctx.actor, { ambition: value, ...(date ? { ambitionTargetDate: date } : {}) });
      if (!result.ok) return failureReply(ctx, result.error);
      return [reply(profileMessage(ctx, result.value, ctx.t("members.profile.saved")))];
    }
    const editing = /^(bewerk|edit|wijzig)\b/i.exec(args);
    const employer = (editing ? args.slice(editing[0].length) : args).trim();
    if (editing) return openProfileForm(ctx, employer || undefined);
    const result = await ctx.core.run(viewEmployerProfile, ctx.actor, employer ? { employerId: employer } : {});
    if (!result.ok) return failureReply(ctx, result.error);
    return [reply(profileMessage(ctx, result.value))];
  },
};

const editProfile: ActionHandler = {
  action: "members.profile.edit",
  run: (ctx, value) => openProfileForm(ctx, value),
};

// Only the form's own fields go to core: platforms may add their own keys to submissions.
export const PROFILE_FIELD_IDS = ["name", "branche", "sizeBand", "location", "region", "offers", "offerDescription", "challenges", "inclusionMaturity", "ambition", "ambitionTargetDate"];

export function formValues(values: Record<string, unknown>, ids: string[]): Record<string, unknown> {
  return Object.fromEntries(ids.filter((id) => id in values).map((id) => [id, values[id]]));
}

const profileFormHandler: FormHandler = {
  id: PROFILE_FORM_ID,
  async submit(ctx, values, context) {
    const result = await ctx.core.run(updateEmployerProfile, ctx.actor, { ...formValues(values, PROFILE_FIELD_IDS), employerId: context });
    if (result.ok) return [reply(profileMessage(ctx, result.value, ctx.t("members.profile.saved")))];
    const current = await ctx.core.run(viewEmployerProfile, ctx.actor, { employerId: context });
    if (!current.ok) return failureReply(ctx, current.error);
    return formFailure(ctx, result.error, profileForm(ctx, current.value));
  },
};

export const functionOptions = (ctx: ChatContext) => FUNCTIONS.map((value) => ({ value, label: functionLabel(ctx, value) }));

export const profileCommands: Command[] = [profile];
export const profileActions: ActionHandler[] = [editProfile];
export const profileForms: FormHandler[] = [profileFormHandler];
