import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Form, FormField } from "../../chat/message.js";
import type { Translate } from "../../i18n/index.js";
import type { CardElement } from "./cards.js";

/**
 * Form fields as Adaptive Card inputs, and the submitted card data back as form values.
 * Input ids are prefixed so they can never collide with the routing keys in the action data
 * (Teams merges input values into that same object).
 */
const PREFIX = "in_";
const ZONE = "Europe/Amsterdam";

export const inputId = (fieldId: string, part = "") => `${PREFIX}${fieldId}${part}`;

export function formInputs(field: FormField, values: Record<string, unknown>, t: Translate): CardElement[] {
  const requiredText = t("field.required");
  const base = { label: field.label, isRequired: field.required, errorMessage: requiredText, ...(field.placeholder ? { placeholder: field.placeholder } : {}) };
  const typed = values[field.id];
  switch (field.kind) {
    case "number": {
      const value = numberOrUndefined(typed) ?? field.initial;
      return [{ type: "Input.Number", id: inputId(field.id), ...base, min: field.min, max: field.max, ...(value === undefined ? {} : { value }) }];
    }
    case "text":
    case "textarea": {
      const value = typeof typed === "string" ? typed : field.initial;
      return [
        {
          type: "Input.Text",
          id: inputId(field.id),
          ...base,
          isMultiline: field.kind === "textarea",
          ...(field.maxLength ? { maxLength: field.maxLength } : {}),
          ...(value === undefined ? {} : { value }),
        },
      ];
    }
    case "select": {
      const value = typeof typed === "string" ? typed : field.initial;
      const choices = field.options.map((o) => ({ title: o.label, value: o.value }));
      return [{ type: "Input.ChoiceSet", id: inputId(field.id), ...base, style: "compact", choices, ...(value ? { value } : {}) }];
    }
    case "date": {
      const value = typeof typed === "string" ? typed : field.initial;
      return [{ type: "Input.Date", id: inputId(field.id), ...base, ...(value ? { value } : {}) }];
    }
    case "datetime": {
      const [date, time] = splitLocal(typeof typed === "string" ? typed : field.initial);
      return [
        { type: "Input.Date", id: inputId(field.id, "_date"), ...base, ...(date ? { value: date } : {}) },
        { type: "Input.Time", id: inputId(field.id, "_time"), label: t("field.timeOf", { label: field.label }), isRequired: field.required, errorMessage: requiredText, ...(time ? { value: time } : {}) },
      ];
    }
  }
}

/**
 * Card data → values by field id. Only the form's own fields are read; date and time inputs
 * are joined into "YYYY-MM-DDTHH:mm" local time, which the forms' zod schemas parse.
 */
export function formValues(form: Pick<Form, "fields">, data: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (field.kind === "datetime") {
      const date = stringOf(data[inputId(field.id, "_date")]);
      const time = stringOf(data[inputId(field.id, "_time")]);
      values[field.id] = date || time ? `${date}T${time || "00:00"}` : "";
    } else {
      values[field.id] = stringOf(data[inputId(field.id)]);
    }
  }
  return values;
}

function stringOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

function numberOrUndefined(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** An ISO instant or a local "YYYY-MM-DDTHH:mm" as Amsterdam date and time strings. */
function splitLocal(value: string | undefined): [string | undefined, string | undefined] {
  if (!value) return [undefined, undefined];
  const local = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  if (local) return [local[1], local[2]];
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return [undefined, undefined];
  const zoned = new TZDate(instant, ZONE);
  return [format(zoned, "yyyy-MM-dd"), format(zoned, "HH:mm")];
}
