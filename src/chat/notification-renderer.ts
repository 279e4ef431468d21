import type { Locale, Translate } from "../i18n/index.js";
import type { ChatMessage } from "./message.js";

/** Renders one outbox notification kind in the recipient's language. */
export interface NotificationRenderer {
  kind: string;
  render(t: Translate, locale: Locale, data: Record<string, unknown>): ChatMessage;
}
