import type { ZodError } from "zod";
import type { Message, MessageKey, MessageParams } from "../i18n/index.js";

/**
 * Expected outcomes of a use case (invalid input, not allowed, not found) are values with a
 * message key; only the unexpected is thrown and mapped to "error.unexpected" by each adapter.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export type FailureReason = "invalid" | "notAllowed" | "notFound" | "conflict" | "unknownPerson";

export interface UserError extends Message {
  reason: FailureReason;
  /** Per form field, so modals and cards can show the error next to the field. */
  fields?: Record<string, Message>;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export function fail(reason: FailureReason, key: MessageKey, params?: MessageParams): { ok: false; error: UserError } {
  return { ok: false, error: { reason, key, params } };
}

/** A failure about one form field: shown next to that field in forms, as the message elsewhere. */
export function failOnField(reason: FailureReason, field: string, key: MessageKey, params?: MessageParams): { ok: false; error: UserError } {
  return { ok: false, error: { reason, key, params, fields: { [field]: { key, params } } } };
}

/** The same failure, shown next to `field` in a form. */
export function onField<T>(result: { ok: false; error: UserError }, field: string): Result<T> {
  return { ok: false, error: { ...result.error, fields: { [field]: { key: result.error.key, params: result.error.params } } } };
}

export const notAllowed = () => fail("notAllowed", "error.notAllowed");
export const notFound = (key: MessageKey = "error.notFound", params?: MessageParams) => fail("notFound", key, params);

/** Turns zod issues into per-field messages. Schemas put a message key in `message`. */
export function invalidInput(error: ZodError): { ok: false; error: UserError } {
  const fields: Record<string, Message> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_";
    if (fields[field]) continue;
    fields[field] = issueMessage(issue);
  }
  return { ok: false, error: { reason: "invalid", key: "error.invalidInput", params: { details: "" }, fields } };
}

function issueMessage(issue: ZodError["issues"][number]): Message {
  const declared = issue.message as MessageKey;
  // A refinement's own message key, with the values it names (e.g. the word that was refused).
  if (issue.code === "custom" && issue.params && "messageParams" in issue.params) return { key: declared, params: issue.params.messageParams as MessageParams | undefined };
  if (declared.startsWith("field.")) {
    const max = "maximum" in issue ? Number(issue.maximum) : undefined;
    return max === undefined ? { key: declared } : { key: declared, params: { max } };
  }
  switch (issue.code) {
    case "too_big":
      return issue.type === "string"
        ? { key: "field.tooLong", params: { max: Number(issue.maximum) } }
        : { key: "field.tooLarge", params: { max: Number(issue.maximum) } };
    case "too_small":
      return issue.type === "string" ? { key: "field.required" } : { key: "field.negative" };
    case "invalid_type":
      return issue.received === "undefined" ? { key: "field.required" } : { key: "field.invalid" };
    default:
      return { key: "field.invalid" };
  }
}

export function isOk<T>(result: Result<T>): result is { ok: true; value: T } {
  return result.ok;
}
