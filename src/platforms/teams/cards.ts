import type { Block, Button, ChatMessage, Form } from "../../chat/message.js";
import { formInputs } from "./form-inputs.js";
import type { Translate } from "../../i18n/index.js";

/**
 * The neutral message model rendered as Adaptive Cards for Teams.
 *
 * - Schema 1.5 at most (Teams' ceiling); buttons are `Action.Execute` (Universal Actions, so a
 *   card can be refreshed in place) with an `Action.Submit` fallback for older clients.
 * - All text goes into `TextRun`s of a `RichTextBlock`: unlike `TextBlock`, a TextRun is never
 *   parsed as markdown, so an event titled `**GRATIS** [klik](http://x)` shows literally.
 * - Teams rejects messages over ~28 KB, so texts are capped and trailing blocks are dropped
 *   to stay under CARD_BUDGET.
 */
export interface AdaptiveCard {
  type: "AdaptiveCard";
  version: "1.5";
  $schema: string;
  body: CardElement[];
  actions?: CardAction[];
  fallbackText?: string;
  msteams?: { width: "Full" };
}

export type CardElement = Record<string, unknown> & { type: string };
export type CardAction = Record<string, unknown> & { type: string };

/** Card data our Action.Execute / Action.Submit carry back; verb routes it. */
export const ACTION_VERB = "netwerk.action";
export const FORM_VERB = "form.submit";

const CARD_BUDGET = 24_000;
const MAX_TEXT = 3_000;
const MAX_BUTTONS = 6;

export function messageCard(message: ChatMessage): AdaptiveCard {
  const body: CardElement[] = [];
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === "divider") {
      separate = true;
      continue;
    }
    const element = blockElement(block);
    if (separate) element.separator = true;
    separate = false;
    body.push(element);
  }
  return fitToBudget(card(body.length ? body : [richText(message.summary)], message.summary));
}

/** `t` gives the input labels Teams adds and what it shows itself when a required input is left empty. */
export function formCard(form: Form, t: Translate, errors: Record<string, string> = {}, values: Record<string, unknown> = {}): AdaptiveCard {
  const body: CardElement[] = [richText(form.title, { size: "Large", weight: "Bolder" })];
  // The form comes back from the card's own data: an error for a field it no longer has (a
  // tampered or outdated card) is shown above the fields rather than lost.
  const shownFields = new Set(form.fields.map((f) => f.id));
  for (const [fieldId, error] of Object.entries(errors)) {
    if (!shownFields.has(fieldId)) body.push(richText(error, { color: "Attention", weight: "Bolder" }));
  }
  for (const field of form.fields) {
    body.push(...formInputs(field, values, t));
    if (field.hint) body.push(richText(field.hint, { size: "Small", isSubtle: true }));
    const error = errors[field.id];
    if (error) body.push(richText(error, { color: "Attention", weight: "Bolder" }));
  }
  const data = { verb: FORM_VERB, formId: form.id, context: form.context, form: reusableForm(form) };
  const submit = executeAction(form.submitLabel, FORM_VERB, data, "positive");
  return fitToBudget({ ...card(body, form.title), actions: [submit] });
}

/** The form as carried in the submit data, so errors can be shown on the same card again. */
function reusableForm(form: Form): Form {
  return { ...form, fields: form.fields.map((f) => ({ ...f, initial: undefined })) as Form["fields"] };
}

function card(body: CardElement[], summary: string): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    fallbackText: cap(summary),
    msteams: { width: "Full" },
  };
}

function blockElement(block: Exclude<Block, { type: "divider" }>): CardElement {
  switch (block.type) {
    case "header":
      return richText(block.text, { size: "Large", weight: "Bolder" });
    case "text":
      return richText(block.text);
    case "context":
      return richText(block.text, { size: "Small", isSubtle: true });
    case "fields":
      return {
        type: "Container",
        items: block.fields.map((f) => ({
          type: "ColumnSet",
          columns: [
            { type: "Column", width: "stretch", items: [richText(f.label, { weight: "Bolder" })] },
            { type: "Column", width: "stretch", items: [richText(f.value)] },
          ],
        })),
      };
    case "image":
      return { type: "Image", url: block.url, altText: cap(block.alt) };
    case "actions":
      return { type: "ActionSet", actions: block.buttons.slice(0, MAX_BUTTONS).map(buttonAction) };
  }
}

export function richText(text: string, run: Record<string, unknown> = {}): CardElement {
  return { type: "RichTextBlock", inlines: [{ type: "TextRun", text: cap(text), ...run }] };
}

function buttonAction(button: Button): CardAction {
  if (button.url) return { type: "Action.OpenUrl", title: cap(button.label), url: button.url };
  const style = button.style === "primary" ? "positive" : button.style === "danger" ? "destructive" : undefined;
  return executeAction(button.label, ACTION_VERB, { verb: ACTION_VERB, action: button.action, value: button.value }, style);
}

function executeAction(title: string, verb: string, data: Record<string, unknown>, style?: string): CardAction {
  return {
    type: "Action.Execute",
    title: cap(title),
    verb,
    data,
    ...(style ? { style } : {}),
    // Clients without Universal Actions send the same data back as a message activity.
    fallback: { type: "Action.Submit", title: cap(title), data },
  };
}

function cap(text: string, max = MAX_TEXT): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fitToBudget(adaptive: AdaptiveCard): AdaptiveCard {
  const body = [...adaptive.body];
  const size = () => JSON.stringify({ ...adaptive, body }).length;
  // Drop content from the end, but keep the buttons: they are how the person acts on it.
  while (size() > CARD_BUDGET && body.length > 1) {
    const last = body.findLastIndex((e, i) => i > 0 && e.type !== "ActionSet");
    if (last < 0) break;
    body.splice(last, 1);
  }
  return { ...adaptive, body };
}
