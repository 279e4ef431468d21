import { addPerson } from "../../core/members/add-person.js";
import { updatePerson } from "../../core/members/update-person.js";
import { viewPerson, type PersonDetails } from "../../core/members/person-details.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type Form, type FormField } from "../message.js";
import type { FormHandler } from "../registry.js";
import { formValues, functionOptions } from "./profile.js";
import { personCard } from "./person-view.js";

export const ADD_PERSON_FORM_ID = "members.addPerson";
export const EDIT_PERSON_FORM_ID = "members.editPerson";

function yesNo(ctx: ChatContext) {
  return [
    { value: "false", label: ctx.t("members.add.no") },
    { value: "true", label: ctx.t("members.add.yes") },
  ];
}

function roles(ctx: ChatContext) {
  return [
    { value: "MEMBER", label: ctx.t("members.add.roleMember") },
    { value: "COORDINATOR", label: ctx.t("members.add.roleCoordinator") },
  ];
}

/** The fields both forms share, filled in from `p` when editing. */
function personFields(ctx: ChatContext, p?: PersonDetails): FormField[] {
  return [
    { id: "name", kind: "text", label: ctx.t("members.add.name"), required: true, initial: p?.name, maxLength: 120 },
    { id: "email", kind: "text", label: ctx.t("members.add.email"), required: true, initial: p?.email ?? undefined, maxLength: 254, hint: ctx.t(p ? "members.person.emailHint" : "members.add.emailHint") },
  ];
}

function detailFields(ctx: ChatContext, p?: PersonDetails): FormField[] {
  return [
    { id: "function", kind: "select", label: ctx.t("members.add.function"), required: true, initial: p?.function ?? "OVERIG", options: functionOptions(ctx) },
    { id: "jobTitle", kind: "text", label: ctx.t("members.add.jobTitle"), required: false, initial: p?.jobTitle ?? undefined, maxLength: 100 },
    { id: "role", kind: "select", label: ctx.t("members.add.role"), required: true, initial: p?.role ?? "MEMBER", options: roles(ctx) },
    { id: "reportingContact", kind: "select", label: ctx.t("members.add.reportingContact"), required: true, initial: String(p?.reportingContact ?? false), options: yesNo(ctx) },
  ];
}

export function addPersonForm(ctx: ChatContext): Form {
  return {
    id: ADD_PERSON_FORM_ID,
    title: ctx.t("members.add.title"),
    submitLabel: ctx.t("members.add.submit"),
    fields: [
      ...personFields(ctx),
      { id: "employer", kind: "text", label: ctx.t("members.add.employer"), required: false, maxLength: 120 },
      ...detailFields(ctx),
    ],
  };
}

export function editPersonForm(ctx: ChatContext, p: PersonDetails): Form {
  const languages = ["network", "nl", "en"].map((value) => ({ value, label: ctx.t(`members.person.language.${value}` as "members.person.language.nl") }));
  return {
    id: EDIT_PERSON_FORM_ID,
    title: ctx.t("members.person.editTitle"),
    submitLabel: ctx.t("members.profile.save"),
    context: p.personId,
    fields: [
      ...personFields(ctx, p),
      ...detailFields(ctx, p),
      { id: "locale", kind: "select", label: ctx.t("members.person.language"), required: true, initial: p.locale ?? "network", options: languages },
    ],
  };
}

const addFieldIds = ["name", "email", "employer", "function", "jobTitle", "role", "reportingContact"];
const editFieldIds = ["name", "email", "function", "jobTitle", "role", "reportingContact", "locale"];

const addHandler: FormHandler = {
  id: ADD_PERSON_FORM_ID,
  async submit(ctx, values) {
    const result = await ctx.core.run(addPerson, ctx.actor, formValues(values, addFieldIds));
    if (!result.ok) return formFailure(ctx, result.error, addPersonForm(ctx));
    return [reply(textMessage(ctx.t("members.add.done", { name: result.value.name, email: result.value.email })))];
  },
};

const editHandler: FormHandler = {
  id: EDIT_PERSON_FORM_ID,
  async submit(ctx, values, context) {
    const person = context ?? "";
    // Every platform sends an emptied input as "", which clears an optional field such as the job title.
    const result = await ctx.core.run(updatePerson, ctx.actor, { ...formValues(values, editFieldIds), person });
    if (result.ok) {
      const { changed, unlinked } = result.value;
      const notice = changed.length === 0 ? ctx.t("members.person.unchanged") : ctx.t(unlinked ? "members.person.savedUnlinked" : "members.person.saved");
      return [reply(personCard(ctx, result.value.person, notice))];
    }
    const current = await ctx.core.run(viewPerson, ctx.actor, { person });
    if (!current.ok) return failureReply(ctx, current.error);
    return formFailure(ctx, result.error, editPersonForm(ctx, current.value));
  },
};

export const personForms: FormHandler[] = [addHandler, editHandler];
