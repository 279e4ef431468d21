import { TZDate } from "@date-fns/tz";
import type { ChatMessage, Form, FormField } from "../../chat/message.js";
import { LIMITS, plainText, renderBlocks, type SlackBlock } from "./blocks.js";
import type { FormMetadata, ViewSubmissionPayload } from "./payloads.js";

// Modal limits: title, submit and close at most 24 characters, placeholders 150, options 100.
const MODAL_TITLE = 24;
const PLACEHOLDER = 150;
const OPTION_TEXT = 75;
const MAX_OPTIONS = 100;
export const VALUE_ACTION = "value";

const plain = (text: string, max: number) => ({ type: "plain_text", text: plainText(text, max) || " ", emoji: true });

function element(field: FormField, timeZone: string): SlackBlock {
  const common: SlackBlock = { action_id: VALUE_ACTION };
  if (field.placeholder) common.placeholder = plain(field.placeholder, PLACEHOLDER);
  switch (field.kind) {
    case "number":
      return {
        ...common,
        type: "number_input",
        is_decimal_allowed: false,
        ...(field.initial !== undefined ? { initial_value: String(field.initial) } : {}),
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
      };
    case "text":
    case "textarea":
      return {
        ...common,
        type: "plain_text_input",
        multiline: field.kind === "textarea",
        ...(field.initial ? { initial_value: field.initial } : {}),
        ...(field.maxLength ? { max_length: Math.min(field.maxLength, 3000) } : {}),
      };
    case "select": {
      const options = field.options.slice(0, MAX_OPTIONS).map((o) => ({ text: plain(o.label, OPTION_TEXT), value: o.value.slice(0, 150) }));
      const initial = options.find((o) => o.value === field.initial);
      return { ...common, type: "static_select", options, ...(initial ? { initial_option: initial } : {}) };
    }
    case "datetime": {
      const initial = field.initial ? Math.floor(wallClockInstant(field.initial, timeZone) / 1000) : NaN;
      return { ...common, type: "datetimepicker", ...(Number.isFinite(initial) ? { initial_date_time: initial } : {}) };
    }
    case "date":
      return { ...common, type: "datepicker", ...(field.initial ? { initial_date: field.initial } : {}) };
  }
}

/** A neutral form as a Slack modal; the block id of each input is the field id. */
export function formView(form: Form, metadata: FormMetadata, closeLabel: string, timeZone: string): SlackBlock {
  return {
    type: "modal",
    callback_id: `form:${form.id}`,
    private_metadata: JSON.stringify(metadata),
    title: plain(form.title, MODAL_TITLE),
    submit: plain(form.submitLabel, MODAL_TITLE),
    close: plain(closeLabel, MODAL_TITLE),
    blocks: form.fields.slice(0, LIMITS.surfaceBlocks).map((field) => ({
      type: "input",
      block_id: field.id,
      optional: !field.required,
      label: plain(field.label, 2000),
      ...(field.hint ? { hint: plain(field.hint, 2000) } : {}),
      element: element(field, timeZone),
    })),
  };
}

/**
 * Form initial values are wall-clock times in the network's zone ("2026-12-10T14:00"); Slack's
 * date-time picker wants an instant and shows it in each viewer's own zone.
 */
function wallClockInstant(text: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return new Date(text).getTime();
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  return new TZDate(year, month - 1, day, hour, minute, 0, timeZone).getTime();
}

/** The submitted values keyed by field id, in the shapes the chat layer's zod schemas accept. */
export function submittedValues(view: ViewSubmissionPayload["view"]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const input = actions[VALUE_ACTION] ?? Object.values(actions)[0];
    if (!input) continue;
    if (input.type === "static_select") values[blockId] = input.selected_option?.value ?? "";
    else if (input.type === "datepicker") values[blockId] = input.selected_date ?? "";
    else if (input.type === "datetimepicker") {
      values[blockId] = input.selected_date_time == null ? "" : new Date(input.selected_date_time * 1000).toISOString();
    } else values[blockId] = input.value ?? "";
  }
  return values;
}

export function homeView(message: ChatMessage): SlackBlock {
  return { type: "home", blocks: renderBlocks(message.blocks, LIMITS.surfaceBlocks) };
}
