import type { Block, ChatMessage } from "../../chat/message.js";
import { html, type Html } from "../../shared/html.js";
import type { Locale, Translate } from "../../i18n/index.js";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailFrame {
  locale: Locale;
  t: Translate;
  networkName: string;
  /** Campaign mail: the footer says how to stop it (the List-Unsubscribe header does the rest). */
  campaign: boolean;
}

// Subjects longer than this are cut by most clients anyway; a summary is one line.
const SUBJECT_MAX = 150;

/**
 * The neutral message as an e-mail: a plain-text part that reads well in a text-only client
 * (headings underlined, fields as "label: value", links written out) and an HTML part in which
 * every value is escaped. Buttons that call back into a chat cannot work in a mail client: those
 * are left out and the footer says so, link buttons become links.
 */
export function renderEmail(message: ChatMessage, frame: EmailFrame): RenderedEmail {
  const chatOnly = message.blocks.some((b) => b.type === "actions" && b.buttons.some((button) => !button.url));
  const footer = [
    ...(chatOnly ? [frame.t("email.footer.chatOnly")] : []),
    frame.t("email.footer.reply"),
    ...(frame.campaign ? [frame.t("email.footer.unsubscribe")] : []),
    frame.t("email.footer.why", { network: frame.networkName }),
  ];
  return {
    subject: oneLine(message.summary).slice(0, SUBJECT_MAX),
    text: [...message.blocks.map(textBlock).filter((part) => part !== ""), "-- ", ...footer].join("\n\n") + "\n",
    html: htmlDocument(message, footer, frame.locale).value,
  };
}

function textBlock(block: Block): string {
  switch (block.type) {
    case "header":
      return `${block.text}\n${"=".repeat(Math.min(block.text.length, 72))}`;
    case "text":
    case "context":
      return block.text;
    case "fields":
      return block.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
    case "actions":
      return block.buttons.flatMap((b) => (b.url ? [`${b.label}: ${b.url}`] : [])).join("\n");
    case "image":
      return `${block.alt}: ${block.url}`;
    case "divider":
      return "----";
  }
}

function htmlBlock(block: Block): Html {
  switch (block.type) {
    case "header":
      return html`<h1 style="font-size:20px;margin:0 0 12px">${block.text}</h1>`;
    case "text":
      return html`<p style="margin:0 0 12px;white-space:pre-line">${block.text}</p>`;
    case "context":
      return html`<p style="margin:0 0 12px;color:#555;font-size:13px;white-space:pre-line">${block.text}</p>`;
    case "fields":
      return html`<table role="presentation" style="margin:0 0 12px;border-collapse:collapse">${block.fields.map(
        (f) => html`<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${f.label}</th><td style="padding:2px 0">${f.value}</td></tr>`,
      )}</table>`;
    case "actions":
      return html`<p style="margin:0 0 12px">${block.buttons
        .filter((b) => b.url)
        .map((b) => html`<a href="${b.url}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:#1d4f91;color:#fff;text-decoration:none;border-radius:4px">${b.label}</a>`)}</p>`;
    case "image":
      return html`<p style="margin:0 0 12px"><img src="${block.url}" alt="${block.alt}" style="max-width:100%"></p>`;
    case "divider":
      return html`<hr style="border:0;border-top:1px solid #ccc;margin:16px 0">`;
  }
}

function htmlDocument(message: ChatMessage, footer: string[], locale: Locale): Html {
  return html`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${oneLine(message.summary)}</title></head><body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#111"><div style="max-width:600px">${message.blocks.map(htmlBlock)}<hr style="border:0;border-top:1px solid #ccc;margin:24px 0 12px">${footer.map(
    (line) => html`<p style="margin:0 0 8px;color:#555;font-size:13px">${line}</p>`,
  )}</div></body></html>`;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
