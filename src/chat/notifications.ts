import { translator, type Locale } from "../i18n/index.js";
import type { ChatMessage } from "./message.js";
import type { NotificationRenderer } from "./notification-renderer.js";
import { reportingRenderers } from "./reporting/notifications.js";
import { eventRenderers } from "./events/notifications.js";
import { welcomeRenderers } from "./members/notifications.js";
import { joiningRenderers } from "./joining/notifications.js";

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
