import { listSubgroups, showSubgroup, type SubgroupSummary } from "../../core/subgroups/list-subgroups.js";
import { appointContact, createSubgroup, removeContact } from "../../core/subgroups/manage.js";
import { joinSubgroup, leaveSubgroup } from "../../core/subgroups/membership.js";
import { MAX_SUBGROUP_DESCRIPTION, MAX_SUBGROUP_NAME } from "../../core/subgroups/schema.js";
import type { ContactPerson } from "../../core/subgroups/contacts.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type Block, type ChatEffect, type ChatMessage, type Form } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { functionLabel } from "../directory/commands.js";

export const CREATE_SUBGROUP_FORM_ID = "subgroups.create";

function contactLine(ctx: ChatContext, c: ContactPerson): string {
  const role = [c.employer, functionLabel(ctx, c.function), c.jobTitle].filter(Boolean).join(", ");
  return ctx.t("subgroups.contactLine", { name: c.name, role: role || "—", email: c.email ?? "—" });
}

export function subgroupMessage(ctx: ChatContext, s: SubgroupSummary, notice?: string): ChatMessage {
  const blocks: Block[] = [{ type: "header", text: s.name }];
  if (notice) blocks.push({ type: "context", text: notice });
  if (s.description) blocks.push({ type: "text", text: s.description });
  blocks.push({
    type: "fields",
    fields: [
      { label: ctx.t("subgroups.members"), value: String(s.memberCount) },
      { label: ctx.t("subgroups.you"), value: ctx.t(s.isMember ? "subgroups.youMember" : "subgroups.youNotMember") },
    ],
  });
  blocks.push({
    type: "text",
    text: s.contacts.length
      ? [ctx.t("subgroups.contacts"), ...s.contacts.map((c) => `• ${contactLine(ctx, c)}`)].join("\n")
      : ctx.t("subgroups.noContacts"),
  });
  blocks.push({
    type: "actions",
    buttons: [
      s.isMember
        ? { action: "subgroups.leave", label: ctx.t("subgroups.button.leave"), value: s.id }
        : { action: "subgroups.join", label: ctx.t("subgroups.button.join"), value: s.id, style: "primary" },
    ],
  });
  return { summary: notice ?? s.name, blocks };
}

const list: Command = {
  name: "subgroepen",
  aliases: ["subgroups", "deelnetwerken"],
  help: "subgroups.help.list",
  async run(ctx) {
    const result = await ctx.core.run(listSubgroups, ctx.actor);
    if (!result.ok) return failureReply(ctx, result.error);
    const { subgroups, total } = result.value;
    if (subgroups.length === 0) return [reply(textMessage(ctx.t("subgroups.none")))];
    const blocks: Block[] = [{ type: "header", text: ctx.t("subgroups.title") }];
    for (const s of subgroups) {
      const contacts = s.contacts.map((c) => c.name).join(", ") || ctx.t("subgroups.noContactShort");
      const lines = [
        ctx.t("subgroups.listLine", { name: s.name, count: s.memberCount, member: s.isMember ? ctx.t("subgroups.youAreMember") : "" }).trim(),
        ...(s.description ? [s.description] : []),
        ctx.t("subgroups.contactShort", { names: contacts }),
      ];
      blocks.push({ type: "text", text: lines.join("\n") });
    }
    if (total > subgroups.length) blocks.push({ type: "context", text: ctx.t("subgroups.more", { shown: subgroups.length, total }) });
    blocks.push({ type: "context", text: ctx.t("subgroups.listHint") });
    return [reply({ summary: ctx.t("subgroups.title"), blocks })];
  },
};

const createWords = new Set(["nieuw", "new", "maak", "create"]);

const show: Command = {
  name: "subgroep",
  aliases: ["subgroup", "deelnetwerk"],
  help: "subgroups.help.show",
  coordinatorHelp: "subgroups.help.create",
  async run(ctx, args) {
    if (args === "") return [reply(textMessage(ctx.t("subgroups.usage.show")))];
    const [first = "", ...rest] = args.split(/\s+/);
    if (createWords.has(first.toLowerCase())) return create(ctx, rest.join(" "));
    const result = await ctx.core.run(showSubgroup, ctx.actor, { subgroup: args });
    if (!result.ok) return failureReply(ctx, result.error);
    return [reply(subgroupMessage(ctx, result.value))];
  },
};

/** "subgroep nieuw Naam | beschrijving", or without a name: the form. */
async function create(ctx: ChatContext, args: string): Promise<ChatEffect[]> {
  if (ctx.actor.role !== "COORDINATOR") return [reply(textMessage(ctx.t("error.notAllowed")))];
  if (args.trim() === "") return [{ type: "openForm", form: createForm(ctx) }];
  const [name, ...description] = args.split("|");
  return created(ctx, { name, description: description.join("|") });
}

async function created(ctx: ChatContext, values: Record<string, unknown>): Promise<ChatEffect[]> {
  const result = await ctx.core.run(createSubgroup, ctx.actor, values);
  if (!result.ok) return failureReply(ctx, result.error);
  return [reply(textMessage(ctx.t("subgroups.created", { name: result.value.name, slug: result.value.slug })))];
}

export function createForm(ctx: ChatContext): Form {
  return {
    id: CREATE_SUBGROUP_FORM_ID,
    title: ctx.t("subgroups.form.title"),
    submitLabel: ctx.t("subgroups.form.submit"),
    fields: [
      { id: "name", kind: "text", label: ctx.t("subgroups.form.name"), required: true, maxLength: MAX_SUBGROUP_NAME },
      { id: "description", kind: "textarea", label: ctx.t("subgroups.form.description"), required: false, maxLength: MAX_SUBGROUP_DESCRIPTION },
    ],
  };
}

const createFormHandler: FormHandler = {
  id: CREATE_SUBGROUP_FORM_ID,
  async submit(ctx, values) {
    const result = await ctx.core.run(createSubgroup, ctx.actor, values);
    if (!result.ok) return formFailure(ctx, result.error, createForm(ctx));
    return [reply(textMessage(ctx.t("subgroups.created", { name: result.value.name, slug: result.value.slug })))];
  },
};

const join: Command = {
  name: "lid",
  aliases: ["join", "aanmelden"],
  help: "subgroups.help.join",
  async run(ctx, args) {
    if (args === "") return [reply(textMessage(ctx.t("subgroups.usage.join")))];
    const result = await ctx.core.run(joinSubgroup, ctx.actor, { subgroup: args });
    if (!result.ok) return failureReply(ctx, result.error);
    const { subgroup, alreadyMember } = result.value;
    return [reply(textMessage(ctx.t(alreadyMember ? "subgroups.alreadyMember" : "subgroups.joined", { name: subgroup.name })))];
  },
};

const leave: Command = {
  name: "verlaat",
  aliases: ["leave", "afmelden"],
  help: "subgroups.help.leave",
  async run(ctx, args) {
    if (args === "") return [reply(textMessage(ctx.t("subgroups.usage.leave")))];
    const result = await ctx.core.run(leaveSubgroup, ctx.actor, { subgroup: args });
    if (!result.ok) return failureReply(ctx, result.error);
    const { subgroup, wasMember } = result.value;
    return [reply(textMessage(ctx.t(wasMember ? "subgroups.left" : "subgroups.notMember", { name: subgroup.name })))];
  },
};

/** Buttons on the subgroup card: the card is redrawn with the new state and a one-line notice. */
function membershipAction(action: "subgroups.join" | "subgroups.leave"): ActionHandler {
  return {
    action,
    async run(ctx, value) {
      const input = { subgroup: value };
      const result = action === "subgroups.join" ? await ctx.core.run(joinSubgroup, ctx.actor, input) : await ctx.core.run(leaveSubgroup, ctx.actor, input);
      if (!result.ok) return failureReply(ctx, result.error);
      const name = result.value.subgroup.name;
      const key =
        "alreadyMember" in result.value
          ? result.value.alreadyMember ? "subgroups.alreadyMember" : "subgroups.joined"
          : result.value.wasMember ? "subgroups.left" : "subgroups.notMember";
      const refreshed = await ctx.core.run(showSubgroup, ctx.actor, { subgroup: result.value.subgroup.id });
      if (!refreshed.ok) return failureReply(ctx, refreshed.error);
      return [{ type: "update", message: subgroupMessage(ctx, refreshed.value, ctx.t(key, { name })) }];
    },
  };
}

const removeWords = new Set(["verwijder", "weg", "remove", "ontslaan"]);

const contact: Command = {
  name: "contact",
  aliases: ["contactpersoon"],
  coordinatorOnly: true,
  help: "subgroups.help.contact",
  async run(ctx, args) {
    const words = args.split(/\s+/).filter(Boolean);
    const removing = removeWords.has((words[0] ?? "").toLowerCase());
    if (removing) words.shift();
    const person = words.pop();
    if (!person || words.length === 0) return [reply(textMessage(ctx.t("subgroups.usage.contact")))];
    const input = { subgroup: words.join(" "), person };
    const result = removing ? await ctx.core.run(removeContact, ctx.actor, input) : await ctx.core.run(appointContact, ctx.actor, input);
    if (!result.ok) return failureReply(ctx, result.error);
    const { subgroup, person: who, changed } = result.value;
    const key = removing
      ? changed ? "subgroups.contactRemoved" : "subgroups.wasNoContact"
      : changed ? "subgroups.contactAppointed" : "subgroups.alreadyContact";
    return [reply(textMessage(ctx.t(key, { name: who.name, subgroup: subgroup.name })))];
  },
};

export const subgroupCommands: Command[] = [list, show, join, leave, contact];
export const subgroupActions: ActionHandler[] = [membershipAction("subgroups.join"), membershipAction("subgroups.leave")];
export const subgroupForms: FormHandler[] = [createFormHandler];
