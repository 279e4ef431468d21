import { addPerson } from "../../core/members/add-person.js";
import { viewEmployerProfile, updateEmployerProfile, type EmployerProfile } from "../../core/members/employer-profile.js";
import { erasePersonData } from "../../core/members/erase-data.js";
import { exportPersonData } from "../../core/members/export-data.js";
import { setLanguage } from "../../core/members/language.js";
import { privacySubject } from "../../core/members/subject.js";
import { translator } from "../../i18n/index.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type ChatEffect, type ChatMessage, type Form } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { functionLabel, offerLabel, sizeLabel } from "./directory.js";
import { reportingCommands } from "./reporting.js";

export const PROFILE_FORM_ID = "members.profile";
export const ADD_PERSON_FORM_ID = "members.addPerson";

const language: Command = {
  name: "taal",
  aliases: ["language", "lang"],
  help: "members.help.language",
  async run(ctx, args) {
    if (args === "") return [reply(textMessage(ctx.t("members.language.current", { locale: ctx.locale })))];
    const result = await setLanguage(ctx.deps, ctx.actor, { locale: args });
    if (!result.ok) return failureReply(ctx, result.error);
    // Confirm in the language just chosen: that is the proof it worked.
    return [reply(textMessage(translator(result.value.locale)("members.language.set")))];
  },
};

async function exportEffects(ctx: ChatContext, person?: string): Promise<ChatEffect[]> {
  const result = await exportPersonData(ctx.deps, ctx.actor, person ? { person } : {});
  if (!result.ok) return failureReply(ctx, result.error);
  const date = ctx.deps.now().toISOString().slice(0, 10);
  return [
    reply(textMessage(ctx.t("members.export.done"))),
    {
      type: "file",
      file: {
        filename: `gegevens-${date}.json`,
        mimeType: "application/json",
        content: JSON.stringify(result.value, null, 2),
        title: ctx.t("members.export.title", { name: result.value.person.name }),
      },
    },
  ];
}

const dataWords = /^(gegevens|data|mijn gegevens|my data)$/i;

/** "mijn gegevens"; plain "mijn" keeps meaning "mijn rapportages" as before. */
const mine: Command = {
  name: "mijn",
  aliases: ["my"],
  help: "members.help.export",
  async run(ctx, args) {
    if (dataWords.test(args)) return exportEffects(ctx);
    const reports = reportingCommands.find((c) => c.name === "rapportages");
    return reports ? reports.run(ctx, args) : [reply(textMessage(ctx.t("chat.unknownCommand", { command: "mijn" })))];
  },
};

const data: Command = {
  name: "gegevens",
  aliases: ["data", "privacy"],
  help: "members.help.exportOther",
  run: (ctx, args) => exportEffects(ctx, args || undefined),
};

const ownData = /^(mijn gegevens|my data)$/i;
const otherData = /^(?:gegevens|data)\s+(\S+)$/i;

const erase: Command = {
  name: "verwijder",
  aliases: ["erase", "delete"],
  help: "members.help.erase",
  async run(ctx, args) {
    const other = otherData.exec(args);
    if (!ownData.test(args) && !other) return [reply(textMessage(ctx.t("members.erase.usage")))];
    // Checked now so a member asking for someone else is refused before seeing a button.
    const subject = await privacySubject(ctx.deps, ctx.actor, other ? { person: other[1] } : {});
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
    const result = await erasePersonData(ctx.deps, ctx.actor, { person: value });
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

export function profileMessage(ctx: ChatContext, p: EmployerProfile, notice?: string): ChatMessage {
  const none = "—";
  return {
    summary: notice ?? p.name,
    blocks: [
      { type: "header", text: p.name },
      ...(notice ? [{ type: "context" as const, text: notice }] : []),
      {
        type: "fields",
        fields: [
          { label: ctx.t("members.profile.branche"), value: p.branche },
          { label: ctx.t("members.profile.size"), value: sizeLabel(ctx, p.sizeBand) },
          { label: ctx.t("members.profile.location"), value: p.location },
          { label: ctx.t("members.profile.region"), value: p.region },
          { label: ctx.t("members.profile.offers"), value: p.offers.map((o) => offerLabel(ctx, o)).join(", ") || none },
          { label: ctx.t("members.profile.maturity"), value: `${p.inclusionMaturity} / 5` },
          { label: ctx.t("members.profile.ambition"), value: String(p.ambition) },
          { label: ctx.t("members.profile.challenges"), value: p.challenges.join(", ") || none },
        ],
      },
      ...(p.offerDescription ? [{ type: "text" as const, text: p.offerDescription }] : []),
      { type: "actions", buttons: [{ action: "members.profile.edit", label: ctx.t("members.profile.button.edit"), value: p.employerId }] },
    ],
  };
}

function profileForm(ctx: ChatContext, p: EmployerProfile): Form {
  const sizes = ["MICRO", "SMALL", "MEDIUM", "LARGE", "VERY_LARGE"].map((value) => ({ value, label: sizeLabel(ctx, value) }));
  return {
    id: PROFILE_FORM_ID,
    title: ctx.t("members.profile.formTitle"),
    submitLabel: ctx.t("members.profile.save"),
    context: p.employerId,
    fields: [
      { id: "branche", kind: "text", label: ctx.t("members.profile.branche"), required: true, initial: p.branche, maxLength: 100 },
      { id: "sizeBand", kind: "select", label: ctx.t("members.profile.size"), required: true, initial: p.sizeBand, options: sizes },
      { id: "location", kind: "text", label: ctx.t("members.profile.location"), required: true, initial: p.location, maxLength: 100 },
      { id: "region", kind: "text", label: ctx.t("members.profile.region"), required: true, initial: p.region, maxLength: 100 },
      { id: "offers", kind: "text", label: ctx.t("members.profile.offers"), required: false, initial: p.offers.map((o) => o.toLowerCase()).join(", "), hint: ctx.t("members.profile.offersHint") },
      { id: "offerDescription", kind: "textarea", label: ctx.t("members.profile.offerDescription"), required: false, initial: p.offerDescription ?? undefined, maxLength: 500 },
      { id: "challenges", kind: "textarea", label: ctx.t("members.profile.challenges"), required: false, initial: p.challenges.join(", "), hint: ctx.t("members.profile.challengesHint") },
      { id: "inclusionMaturity", kind: "number", label: ctx.t("members.profile.maturity"), required: true, initial: p.inclusionMaturity, min: 1, max: 5 },
      { id: "ambition", kind: "number", label: ctx.t("members.profile.ambition"), required: true, initial: p.ambition, min: 0 },
    ],
  };
}

const profile: Command = {
  name: "profiel",
  aliases: ["profile"],
  help: "members.help.profile",
  async run(ctx, args) {
    const editing = /^(bewerk|edit|wijzig)\b/i.exec(args);
    const employer = (editing ? args.slice(editing[0].length) : args).trim();
    const result = await viewEmployerProfile(ctx.deps, ctx.actor, employer ? { employerId: employer } : {});
    if (!result.ok) return failureReply(ctx, result.error);
    return editing ? [{ type: "openForm", form: profileForm(ctx, result.value) }] : [reply(profileMessage(ctx, result.value))];
  },
};

const editProfile: ActionHandler = {
  action: "members.profile.edit",
  async run(ctx, value) {
    const result = await viewEmployerProfile(ctx.deps, ctx.actor, { employerId: value });
    if (!result.ok) return failureReply(ctx, result.error);
    return [{ type: "openForm", form: profileForm(ctx, result.value) }];
  },
};

const profileFormHandler: FormHandler = {
  id: PROFILE_FORM_ID,
  async submit(ctx, values, context) {
    const result = await updateEmployerProfile(ctx.deps, ctx.actor, { ...values, employerId: context });
    if (result.ok) return [reply(profileMessage(ctx, result.value, ctx.t("members.profile.saved")))];
    const current = await viewEmployerProfile(ctx.deps, ctx.actor, { employerId: context });
    if (!current.ok) return failureReply(ctx, current.error);
    return formFailure(ctx, result.error, profileForm(ctx, current.value));
  },
};

function addPersonForm(ctx: ChatContext): Form {
  const yesNo = [
    { value: "false", label: ctx.t("members.add.no") },
    { value: "true", label: ctx.t("members.add.yes") },
  ];
  const functions = ["HR", "INKOOP", "DIRECTIE", "MVO", "OVERIG"].map((value) => ({ value, label: functionLabel(ctx, value) }));
  return {
    id: ADD_PERSON_FORM_ID,
    title: ctx.t("members.add.title"),
    submitLabel: ctx.t("members.add.submit"),
    fields: [
      { id: "name", kind: "text", label: ctx.t("members.add.name"), required: true, maxLength: 120 },
      { id: "email", kind: "text", label: ctx.t("members.add.email"), required: true, maxLength: 254, hint: ctx.t("members.add.emailHint") },
      { id: "employer", kind: "text", label: ctx.t("members.add.employer"), required: false, maxLength: 100 },
      { id: "function", kind: "select", label: ctx.t("members.add.function"), required: true, initial: "OVERIG", options: functions },
      { id: "jobTitle", kind: "text", label: ctx.t("members.add.jobTitle"), required: false, maxLength: 100 },
      { id: "role", kind: "select", label: ctx.t("members.add.role"), required: true, initial: "MEMBER", options: [
        { value: "MEMBER", label: ctx.t("members.add.roleMember") },
        { value: "COORDINATOR", label: ctx.t("members.add.roleCoordinator") },
      ] },
      { id: "reportingContact", kind: "select", label: ctx.t("members.add.reportingContact"), required: true, initial: "false", options: yesNo },
    ],
  };
}

const addPersonCommand: Command = {
  name: "persoon",
  aliases: ["person", "nieuw-lid"],
  coordinatorOnly: true,
  help: "members.help.addPerson",
  async run(ctx) {
    return [{ type: "openForm", form: addPersonForm(ctx) }];
  },
};

const addPersonFormHandler: FormHandler = {
  id: ADD_PERSON_FORM_ID,
  async submit(ctx, values) {
    const result = await addPerson(ctx.deps, ctx.actor, values);
    if (!result.ok) return formFailure(ctx, result.error, addPersonForm(ctx));
    return [reply(textMessage(ctx.t("members.add.done", { name: result.value.name, email: result.value.email })))];
  },
};

export const memberCommands: Command[] = [language, mine, data, erase, profile, addPersonCommand];
export const memberActions: ActionHandler[] = [confirmErase, cancelErase, editProfile];
export const memberForms: FormHandler[] = [profileFormHandler, addPersonFormHandler];
