import type { UserError } from "../../core/result.js";
import type { Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";

/** One input of a dashboard form; values come from the row being edited or from the last post. */
export type FieldSpec =
  | { id: string; label: string; kind: "text" | "email" | "textarea" | "date"; required?: boolean; maxLength?: number; hint?: string }
  | { id: string; label: string; kind: "number"; required?: boolean; min?: number; max?: number; hint?: string }
  | { id: string; label: string; kind: "select" | "checkboxes"; required?: boolean; options: Array<{ value: string; label: string }>; hint?: string };

export type FormValues = Record<string, unknown>;

/** A field's label, input, hint and error; the error is tied to the input for screen readers. */
export function field(spec: FieldSpec, values: FormValues, errors: Record<string, string>): Html {
  const error = errors[spec.id];
  const describedBy = [spec.hint ? `hint-${spec.id}` : "", error ? `error-${spec.id}` : ""].filter(Boolean).join(" ");
  const aria = html`${describedBy ? html` aria-describedby="${describedBy}"` : ""}${error ? html` aria-invalid="true"` : ""}`;
  const hint = spec.hint ? html`<small id="hint-${spec.id}">${spec.hint}</small>` : "";
  const message = error ? html`<p class="field-error" id="error-${spec.id}" data-error-for="${spec.id}">${error}</p>` : "";
  if (spec.kind === "checkboxes") {
    const chosen = asList(values[spec.id]);
    return html`<fieldset class="field" data-field="${spec.id}"${aria}><legend>${spec.label}</legend>
${spec.options.map((o) => html`<label class="check"><input type="checkbox" name="${spec.id}" value="${o.value}"${chosen.includes(o.value) ? html` checked` : ""}> ${o.label}</label>`)}
${hint}${message}</fieldset>`;
  }
  return html`<div class="field" data-field="${spec.id}"><label for="field-${spec.id}">${spec.label}</label>
${input(spec, values[spec.id], aria)}${hint}${message}</div>`;
}

function input(spec: FieldSpec, raw: unknown, aria: Html): Html {
  const value = raw === null || raw === undefined ? "" : String(raw);
  const required = spec.required ? html` required` : "";
  const common = html`id="field-${spec.id}" name="${spec.id}"${required}${aria}`;
  switch (spec.kind) {
    case "textarea":
      return html`<textarea ${common} rows="3"${spec.maxLength ? html` maxlength="${spec.maxLength}"` : ""}>${value}</textarea>`;
    case "select":
      return html`<select ${common}>${spec.options.map((o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ""}>${o.label}</option>`)}</select>`;
    case "number":
      return html`<input type="number" ${common} value="${value}"${spec.min !== undefined ? html` min="${spec.min}"` : ""}${spec.max !== undefined ? html` max="${spec.max}"` : ""}>`;
    case "checkboxes":
      return html``;
    default:
      return html`<input type="${spec.kind}" ${common} value="${value}"${spec.maxLength ? html` maxlength="${spec.maxLength}"` : ""}>`;
  }
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === "string" ? value.split(/[,\s]+/).filter(Boolean) : []);

/**
 * A use case's refusal as form errors: each field's message next to that field, anything else
 * (or a field the form does not show) as one message above the form.
 */
export function formErrors(t: Translate, error: UserError, fieldIds: string[]): { fields: Record<string, string>; general: string | null } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const [id, message] of Object.entries(error.fields ?? {})) {
    const text = t(message.key, message.params);
    if (fieldIds.includes(id)) fields[id] ??= text;
    else other.push(text);
  }
  const general = other.length ? other.join(" ") : Object.keys(fields).length ? null : t(error.key, error.params);
  return { fields, general };
}

/** The message above a form, announced to screen readers. */
export const formAlert = (text: string | null) => (text ? html`<p class="error" role="alert">${text}</p>` : "");

/** A confirmation or success notice at the top of a page. */
export const notice = (text: string | null | undefined) => (text ? html`<p class="notice" role="status">${text}</p>` : "");
