import type { Block, Button, ChatEffect, ChatFile, ChatMessage, Form, FormField } from "../../chat/message.js";
import { html, type Html } from "../../shared/html.js";
import type { Translate } from "../../i18n/index.js";

/** What the playground page does with one effect; the browser script applies these in order. */
export type PlaygroundItem =
  | { type: "append"; html: string }
  | { type: "update"; html: string }
  | { type: "formErrors"; errors: Record<string, string> };

type FormOpener = (form: Form) => Promise<PlaygroundItem[] | void>;

/** The third renderer of the neutral model: effects to escaped HTML fragments, in order. */
export async function renderEffects(effects: ChatEffect[], t: Translate, openForm: FormOpener): Promise<PlaygroundItem[]> {
  const items: PlaygroundItem[] = [];
  for (const effect of effects) {
    if (effect.type === "openForm") items.push(...((await openForm(effect.form)) ?? []));
    else {
      const item = renderEffect(effect, t);
      if (item) items.push(item);
    }
  }
  return items;
}

export function formItem(form: Form, t: Translate): PlaygroundItem {
  return { type: "append", html: formHtml(form, t).value };
}

function renderEffect(effect: Exclude<ChatEffect, { type: "openForm" }>, t: Translate): PlaygroundItem | undefined {
  switch (effect.type) {
    case "reply":
      return { type: "append", html: messageHtml(effect.message, t).value };
    case "post":
      return { type: "append", html: messageHtml(effect.message, t, t("playground.posted")).value };
    case "update":
      return { type: "update", html: messageHtml(effect.message, t).value };
    case "formErrors":
      return { type: "formErrors", errors: effect.errors };
    case "file":
      return { type: "append", html: fileHtml(effect.file, t).value };
    case "refreshAnnouncements":
      // The playground keeps no copies of announcements in channels.
      return undefined;
  }
}

export function messageHtml(message: ChatMessage, t: Translate, where?: string): Html {
  return html`<article class="msg bot${where ? " post" : ""}" data-message>
<div class="who">${t("playground.bot")}${where ? ` · ${where}` : ""}</div>
${message.blocks.map(blockHtml)}</article>`;
}

function blockHtml(block: Block): Html {
  switch (block.type) {
    case "header":
      return html`<h3>${block.text}</h3>`;
    case "text":
      return html`<p class="text">${block.text}</p>`;
    case "context":
      return html`<p class="context">${block.text}</p>`;
    case "fields":
      return html`<dl class="fields">${block.fields.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>`;
    case "actions":
      return html`<div class="actions">${block.buttons.map(buttonHtml)}</div>`;
    case "image":
      return safeUrl(block.url) ? html`<img class="chart" src="${block.url}" alt="${block.alt}">` : html`<p class="context">${block.alt}</p>`;
    case "divider":
      return html`<hr>`;
  }
}

function buttonHtml(button: Button): Html {
  const style = button.style ?? "";
  if (button.url) {
    return safeUrl(button.url)
      ? html`<a class="button ${style}" href="${button.url}" target="_blank" rel="noopener noreferrer">${button.label}</a>`
      : html``;
  }
  return html`<button type="button" class="${style}" data-action="${button.action}" data-value="${button.value}">${button.label}</button>`;
}

export function formHtml(form: Form, t: Translate): Html {
  return html`<form class="chat-form msg bot" data-form-id="${form.id}" data-context="${form.context ?? ""}" novalidate>
<h3>${form.title}</h3>
${form.fields.map(fieldHtml)}
<div class="actions"><button type="submit" class="primary">${form.submitLabel}</button>
<button type="button" data-cancel>${t("playground.cancel")}</button></div></form>`;
}

function fieldHtml(field: FormField): Html {
  const name = `field-${field.id}`;
  const common = html`id="${name}" name="${field.id}"${field.required ? html` required` : ""}${field.placeholder ? html` placeholder="${field.placeholder}"` : ""}`;
  const control = (() => {
    switch (field.kind) {
      case "number":
        return html`<input type="number" ${common} value="${field.initial ?? ""}"${field.min !== undefined ? html` min="${field.min}"` : ""}${field.max !== undefined ? html` max="${field.max}"` : ""}>`;
      case "text":
        return html`<input type="text" ${common} value="${field.initial ?? ""}"${field.maxLength ? html` maxlength="${field.maxLength}"` : ""}>`;
      case "textarea":
        return html`<textarea ${common}${field.maxLength ? html` maxlength="${field.maxLength}"` : ""}>${field.initial ?? ""}</textarea>`;
      case "select":
        return html`<select ${common}>${field.required ? "" : html`<option value=""></option>`}${field.options.map((o) => html`<option value="${o.value}"${o.value === field.initial ? html` selected` : ""}>${o.label}</option>`)}</select>`;
      case "datetime":
        return html`<input type="datetime-local" ${common} value="${field.initial ?? ""}">`;
      case "date":
        return html`<input type="date" ${common} value="${field.initial ?? ""}">`;
    }
  })();
  return html`<label for="${name}">${field.label}${control}${field.hint ? html`<small>${field.hint}</small>` : ""}
<span class="field-error" data-error-for="${field.id}" role="alert"></span></label>`;
}

function fileHtml(file: ChatFile, t: Translate): Html {
  const bytes = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
  const href = `data:${file.mimeType};base64,${bytes.toString("base64")}`;
  return html`<article class="msg bot" data-message><div class="who">${t("playground.bot")}</div>
<p>${file.title}</p><a class="button" href="${href}" download="${file.filename}">${t("playground.download", { filename: file.filename })}</a></article>`;
}

/** Only http(s) and same-site paths: a javascript: URL in a button must never become a link. */
function safeUrl(url: string): boolean {
  return /^https?:\/\//i.test(url) || /^\/(?!\/)/.test(url);
}
