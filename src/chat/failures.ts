import type { UserError } from "../core/result.js";
import type { ChatContext } from "./context.js";
import { reply, textMessage, type ChatEffect, type Form } from "./message.js";

/** A use case's expected failure as a private reply in the person's language. */
export function failureReply(ctx: Pick<ChatContext, "t">, error: UserError): ChatEffect[] {
  return [reply(textMessage(failureText(ctx, error)))];
}

export function failureText(ctx: Pick<ChatContext, "t">, error: UserError): string {
  if (error.key !== "error.invalidInput") return ctx.t(error.key, error.params);
  // Two fields with the same problem read as one sentence said twice: say it once.
  const details = new Set(Object.values(error.fields ?? {}).map((m) => ctx.t(m.key, m.params)));
  return ctx.t(error.key, { details: [...details].join(" ") });
}

/**
 * For form submissions: field errors stay in the form next to their field; an error about
 * anything else is shown on the form's first field, so nobody loses what they typed.
 */
export function formFailure(ctx: Pick<ChatContext, "t">, error: UserError, form: Pick<Form, "fields">): ChatEffect[] {
  const known = new Set(form.fields.map((f) => f.id));
  const fallback = form.fields[0]?.id ?? "_";
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fields ?? {})) {
    // "offers.1" is the second choice of the offers field: its error belongs under that field.
    const owner = field.split(".")[0]!;
    const target = known.has(field) ? field : known.has(owner) ? owner : fallback;
    errors[target] ??= ctx.t(message.key, message.params);
  }
  if (Object.keys(errors).length === 0) errors[fallback] = ctx.t(error.key, error.params);
  return [{ type: "formErrors", errors }];
}
