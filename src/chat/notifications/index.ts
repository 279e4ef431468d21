import { translator, type Locale } from "../../i18n/index.js";
import type { ChatMessage } from "../message.js";
import type { NotificationRenderer } from "./registry.js";
import { reportingRenderers } from "./reporting.js";
import { eventRenderers } from "./events.js";
import { welcomeRenderers } from "./welcome.js";
import { joiningRenderers } from "./joining.js";

// Each domain contributes its notification renderers here.
const renderers: NotificationRenderer[] = [...reportingRenderers, ...eventRenderers, ...welcomeRenderers, ...joiningRenderers];

export class UnknownNotificationKind extends Error {
  constructor(readonly kind: string) {
    super(`No renderer for notification kind "${kind}"`);
  }
}

/** An outbox row's payload as a message in the recipient's language (fresh translator per call). */
export function renderNotification(kind: string, locale: Locale, data: Record<string, unknown>): ChatMessage {
  const renderer = renderers.find((r) => r.kind === kind);
  if (!renderer) throw new UnknownNotificationKind(kind);
  return renderer.render(translator(locale), locale, data);
}
