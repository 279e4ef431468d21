import type { ChatMessage } from "../../src/chat/message.js";

/** Everything a person would read in a message: block texts, field labels and values, button labels. */
export function visibleText(message: ChatMessage): string {
  return message.blocks
    .map((b) => {
      switch (b.type) {
        case "header":
        case "text":
        case "context":
          return b.text;
        case "fields":
          return b.fields.map((f) => `${f.label}: ${f.value}`).join("\n");
        case "actions":
          return b.buttons.map((x) => `[${x.label}]`).join(" ");
        default:
          return "";
      }
    })
    .join("\n");
}
