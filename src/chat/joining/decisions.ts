import { z } from "zod";
import { acceptJoinRequest, refuseJoinRequest } from "../../core/joining/decide-join.js";
import { MAX_REASON } from "../../core/joining/schema.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { failureReply, formFailure } from "../failures.js";
import { reply, textMessage, type ChatEffect, type Form } from "../message.js";
import type { ActionHandler, FormHandler } from "../registry.js";

export const ACCEPT_ACTION = "joining.accept";
export const REFUSE_ACTION = "joining.refuse";
export const REFUSE_FORM_ID = "joining.refuse";

const requestButton = z.object({ requestId: z.string().min(1).max(64) });

export function refuseForm(ctx: ChatContext, requestId: string): Form {
  return {
    id: REFUSE_FORM_ID,
    title: ctx.t("joining.refuse.title"),
    submitLabel: ctx.t("joining.refuse.submit"),
    context: requestId,
    fields: [{ id: "reason", kind: "textarea", label: ctx.t("joining.refuse.reason"), required: false, maxLength: MAX_REASON, hint: ctx.t("joining.refuse.reasonHint") }],
  };
}

const stale = (ctx: ChatContext): ChatEffect[] => [reply(textMessage(ctx.t("chat.unknownAction")))];

const accept: ActionHandler = {
  action: ACCEPT_ACTION,
  async run(ctx, value) {
    const button = parseButtonValue(requestButton, value);
    if (!button) return stale(ctx);
    const result = await ctx.core.run(acceptJoinRequest, ctx.actor, button);
    if (!result.ok) return failureReply(ctx, result.error);
    // The request's message loses its buttons: it is decided.
    return [{ type: "update", message: textMessage(ctx.t("joining.accepted", { name: result.value.name, network: result.value.networkName })) }];
  },
};

const refuse: ActionHandler = {
  action: REFUSE_ACTION,
  async run(ctx, value) {
    const button = parseButtonValue(requestButton, value);
    if (!button) return stale(ctx);
    // Members are refused before a form opens; the form's submit checks again.
    if (ctx.actor.role !== "COORDINATOR") return [reply(textMessage(ctx.t("joining.coordinatorsOnly")))];
    return [{ type: "openForm", form: refuseForm(ctx, button.requestId) }];
  },
};

const refuseHandler: FormHandler = {
  id: REFUSE_FORM_ID,
  async submit(ctx, values, context) {
    const result = await ctx.core.run(refuseJoinRequest, ctx.actor, { requestId: context, reason: values.reason });
    if (!result.ok) return result.error.reason === "invalid" ? formFailure(ctx, result.error, refuseForm(ctx, context ?? "")) : failureReply(ctx, result.error);
    return [reply(textMessage(ctx.t("joining.refused", { name: result.value.name })))];
  },
};

export const joiningActions: ActionHandler[] = [accept, refuse];
export const joiningForms: FormHandler[] = [refuseHandler];
