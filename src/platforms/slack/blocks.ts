import type { Block, Button, ChatMessage } from "../../chat/message.js";

// Block Kit limits (api.slack.com/reference/block-kit): beyond them Slack rejects the whole
// message with invalid_blocks, so we cut with an ellipsis instead of failing.
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  text: 3000,
  header: 150,
  field: 2000,
  fields: 10,
  buttons: 25,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
  altText: 2000,
} as const;

export type SlackBlock = Record<string, unknown>;

/**
 * Escapes Slack's three control characters so user content cannot form `<!channel>`,
 * `<@U123>` or `<http://…|link>`; cuts so that the *escaped* text fits `max`.
 */
const CONTROL_CHARACTER = /[&<>]/;

export function escapeText(text: string, max: number = LIMITS.text): string {
  // Most text has none of the three: a test is cheaper than a replace that builds a copy.
  const escaped = CONTROL_CHARACTER.test(text) ? text.replace(/[&<>]/g, escapeChar) : text;
  if (escaped.length <= max) return escaped;
  let out = "";
  for (const c of text) {
    const piece = escapeChar(c);
    if (out.length + piece.length > max - 1) break;
    out += piece;
  }
  return `${out}…`;
}

/**
 * Headers, labels and button text: no markup, but Slack decodes the same three entities there,
 * and escaping them too means no rendered block ever carries a raw `<!channel>`.
 */
export function plainText(text: string, max: number): string {
  return escapeText(text, max);
}

function escapeChar(c: string): string {
  if (c === "&") return "&amp;";
  if (c === "<") return "&lt;";
  if (c === ">") return "&gt;";
  return c;
}

const mrkdwn = (text: string, max: number = LIMITS.text) => ({ type: "mrkdwn", text: escapeText(text, max) || " " });
const plain = (text: string, max: number) => ({ type: "plain_text", text: plainText(text, max) || " ", emoji: true });

/** Action ids must be unique per message, so the button index is appended and stripped on return. */
export function actionId(action: string, index: number): string {
  return `${action}#${index}`;
}

export function actionFromId(id: string): string {
  const hash = id.lastIndexOf("#");
  return hash === -1 ? id : id.slice(0, hash);
}

export const URL_ACTION = "url";

function button(b: Button, index: number): SlackBlock {
  const base: SlackBlock = {
    type: "button",
    action_id: actionId(b.url ? URL_ACTION : b.action, index),
    text: plain(b.label, LIMITS.buttonText),
  };
  if (b.url) base.url = b.url;
  else base.value = b.value.slice(0, LIMITS.buttonValue);
  if (b.style) base.style = b.style;
  return base;
}

function renderBlock(block: Block, buttonOffset: number): SlackBlock {
  switch (block.type) {
    case "header":
      return { type: "header", text: plain(block.text, LIMITS.header) };
    case "text":
      return { type: "section", text: mrkdwn(block.text) };
    case "context":
      return { type: "context", elements: [mrkdwn(block.text)] };
    case "fields":
      return {
        type: "section",
        fields: block.fields.slice(0, LIMITS.fields).map((f) => ({
          type: "mrkdwn",
          // The label is ours (translated); bold it after escaping both parts.
          text: `*${escapeText(f.label, 200)}*\n${escapeText(f.value, LIMITS.field - 210)}`,
        })),
      };
    case "actions":
      return { type: "actions", elements: block.buttons.slice(0, LIMITS.buttons).map((b, i) => button(b, buttonOffset + i)) };
    case "image":
      return { type: "image", image_url: block.url, alt_text: plainText(block.alt, LIMITS.altText) || " " };
    case "divider":
      return { type: "divider" };
  }
}

/** Neutral blocks → Block Kit, capped at `maxBlocks` (50 in messages, 100 in modals and Home). */
export function renderBlocks(blocks: Block[], maxBlocks: number = LIMITS.messageBlocks): SlackBlock[] {
  const out: SlackBlock[] = [];
  let buttonOffset = 0;
  for (const block of blocks) {
    if (block.type === "actions" && block.buttons.length === 0) continue;
    if (block.type === "fields" && block.fields.length === 0) continue;
    out.push(renderBlock(block, buttonOffset));
    if (block.type === "actions") buttonOffset += block.buttons.length;
  }
  if (out.length <= maxBlocks) return out;
  return [...out.slice(0, maxBlocks - 1), { type: "context", elements: [{ type: "mrkdwn", text: "…" }] }];
}

/** The arguments chat.postMessage / chat.update / respond take for one neutral message. */
export function messagePayload(message: ChatMessage): { text: string; blocks: SlackBlock[] } {
  return { text: escapeText(message.summary, LIMITS.fallbackText) || " ", blocks: renderBlocks(message.blocks) };
}
