import { z } from "zod";
import { isCoordinator } from "../../core/actor.js";
import { currentCondition, membershipConditionOf, setConditionText } from "../../core/conditions/condition-text.js";
import { viewCondition, type ConditionView } from "../../core/conditions/condition-state.js";
import { confirmCondition } from "../../core/conditions/confirm-condition.js";
import { MAX_CONDITION_TEXT } from "../../core/conditions/schema.js";
import { formatDate } from "../../i18n/format.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type Block, type ChatEffect, type ChatMessage, type Form } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { conditionName, CONFIRM_ACTION, confirmationBlocks } from "./blocks.js";

const TEXT_FORM_ID = "conditions.text";

const verbs: Record<string, "confirm" | "edit" | "text"> = {
  bevestig: "confirm", confirm: "confirm",
  wijzig: "edit", bewerk: "edit", edit: "edit",
  tekst: "text", text: "text",
};

const condition: Command = {
  name: "voorwaarde",
  aliases: ["condition", "voorwaarden", "lidmaatschap"],
  help: "conditions.help",
  coordinatorHelp: "conditions.help.edit",
  async run(ctx, args) {
    const [word = ""] = args.split(/\s+/, 1);
    const verb = verbs[word.toLowerCase()];
    const rest = args.slice(word.length).trim();
    if (verb === "confirm") return confirmCurrent(ctx);
    if (verb === "edit") return openTextForm(ctx);
    if (verb === "text") return rest ? saveText(ctx, rest, "reply") : [reply(textMessage(ctx.t("conditions.text.usage")))];
    if (args !== "") return [reply(textMessage(ctx.t("conditions.text.usage")))];
    const view = await ctx.core.run(viewCondition, ctx.actor);
    if (!view.ok) return failureReply(ctx, view.error);
    return [reply(conditionMessage(ctx, view.value))];
  },
};

function conditionMessage(ctx: ChatContext, view: ConditionView): ChatMessage {
  const name = conditionName(ctx.t, view.condition);
  const title = ctx.t("conditions.view.title", { condition: name });
  const blocks: Block[] = [{ type: "header", text: title }];
  const c = view.confirmation;
  if (!c) {
    blocks.push({ type: "text", text: ctx.t(view.condition === "PLACEMENT_REPORTING" ? "conditions.view.placement" : "conditions.view.noConfirmation", { condition: name }) });
    return { summary: title, blocks };
  }
  if (!c.text) {
    blocks.push({ type: "text", text: ctx.t(isCoordinator(ctx.actor) ? "conditions.view.noTextCoordinator" : "conditions.view.noText") });
    return { summary: title, blocks };
  }
  blocks.push({ type: "context", text: ctx.t("conditions.view.version", { version: c.text.version, date: formatDate(ctx.locale, c.text.createdAt) }) });
  if (c.state && c.employerName) {
    if (c.state.status === "met") {
      blocks.push({ type: "text", text: c.text.text });
      const by = c.confirmedByName ? ctx.t("conditions.view.by", { name: c.confirmedByName }) : "";
      blocks.push({ type: "text", text: ctx.t("conditions.view.met", { employer: c.employerName, date: formatDate(ctx.locale, c.state.since), by }) });
    } else {
      blocks.push({ type: "text", text: ctx.t("conditions.view.open", { employer: c.employerName, date: formatDate(ctx.locale, c.state.since) }) });
      blocks.push(...confirmationBlocks(ctx.t, { textId: c.text.id, text: c.text.text, employerName: c.employerName }));
    }
  } else {
    blocks.push({ type: "text", text: c.text.text });
  }
  if (isCoordinator(ctx.actor)) blocks.push({ type: "context", text: ctx.t("conditions.view.coordinatorHint") });
  return { summary: title, blocks };
}

async function confirm(ctx: ChatContext, textId: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(confirmCondition, ctx.actor, { textId });
  if (!result.ok) return failureReply(ctx, result.error);
  const { employerName: employer, version, confirmedAt } = result.value;
  const membershipCondition = await ctx.core.run(membershipConditionOf, ctx.actor.networkId);
  const text = result.value.already
    ? ctx.t("conditions.confirm.already", { employer, version, date: formatDate(ctx.locale, confirmedAt) })
    : ctx.t("conditions.confirmed", { employer, version, condition: conditionName(ctx.t, membershipCondition) });
  return [reply(textMessage(text))];
}

/** "voorwaarde bevestig": the version the person can read with "voorwaarde" right now. */
async function confirmCurrent(ctx: ChatContext): Promise<ChatEffect[]> {
  const current = await ctx.core.run(currentCondition, ctx.actor.networkId);
  return confirm(ctx, current?.id ?? "none");
}

const confirmValue = z.object({ textId: z.string().min(1).max(64) });

const confirmAction: ActionHandler = {
  action: CONFIRM_ACTION,
  async run(ctx, value) {
    const parsed = parseButtonValue(confirmValue, value);
    if (!parsed) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    return confirm(ctx, parsed.textId);
  },
};

export async function textForm(ctx: ChatContext): Promise<Form> {
  const current = await ctx.core.run(currentCondition, ctx.actor.networkId);
  return {
    id: TEXT_FORM_ID,
    title: ctx.t("conditions.form.title"),
    submitLabel: ctx.t("conditions.form.save"),
    fields: [{ id: "text", kind: "textarea", label: ctx.t("conditions.form.text"), required: true, initial: current?.text, maxLength: MAX_CONDITION_TEXT, hint: ctx.t("conditions.form.hint") }],
  };
}

async function openTextForm(ctx: ChatContext): Promise<ChatEffect[]> {
  // Refused before the form opens, so a member does not type a text that cannot be saved.
  if (!isCoordinator(ctx.actor)) return [reply(textMessage(ctx.t("conditions.text.coordinatorOnly")))];
  return [{ type: "openForm", form: await textForm(ctx) }];
}

async function saveText(ctx: ChatContext, text: unknown, how: "reply" | "form"): Promise<ChatEffect[]> {
  const result = await ctx.core.run(setConditionText, ctx.actor, { text });
  if (!result.ok) return how === "form" ? formFailure(ctx, result.error, await textForm(ctx)) : failureReply(ctx, result.error);
  const { version, asked } = result.value;
  const message = !result.value.changed
    ? ctx.t("conditions.text.unchanged", { version })
    : ctx.t("conditions.text.saved", { version, condition: conditionName(ctx.t, result.value.condition), asked });
  return [reply(textMessage(message))];
}

const textFormHandler: FormHandler = {
  id: TEXT_FORM_ID,
  submit: (ctx, values) => saveText(ctx, values.text, "form"),
};

export const conditionCommands: Command[] = [condition];
export const conditionActions: ActionHandler[] = [confirmAction];
export const conditionForms: FormHandler[] = [textFormHandler];
