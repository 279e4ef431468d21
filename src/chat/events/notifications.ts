import { z } from "zod";
import { formatDateTime } from "../../i18n/format.js";
import { translator, type Locale, type MessageKey, type Translate } from "../../i18n/index.js";
import type { ChatMessage } from "../message.js";
import type { NotificationRenderer } from "../notification-renderer.js";

// The payload written by core/events/notices.ts; parsed, so an old or damaged row fails loudly.
const eventPayload = z.object({
  eventId: z.string(),
  number: z.number(),
  title: z.string(),
  startsAt: z.string().datetime(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  timeZone: z.string(),
  position: z.number().optional(),
});
type EventPayload = z.infer<typeof eventPayload>;

function render(key: MessageKey, withButtons: boolean) {
  return (t: Translate, locale: Locale, data: Record<string, unknown>): ChatMessage => {
    const d = eventPayload.parse(data);
    const text = t(key, { title: d.title, when: formatDateTime(locale, new Date(d.startsAt), d.timeZone), where: where(t, d), position: d.position ?? "" });
    const calendar = { action: "event.ics", label: t("events.button.calendar"), value: JSON.stringify({ eventId: d.eventId }) };
    return {
      summary: text,
      blocks: [{ type: "text", text }, ...(withButtons ? [{ type: "actions" as const, buttons: [calendar] }] : [])],
    };
  };
}

/** To an external guest, who has no chat: in the language the coordinator gave (or the network's). */
function renderGuestInvited(_t: Translate, _locale: Locale, data: Record<string, unknown>): ChatMessage {
  const locale = z.object({ locale: z.enum(["nl", "en"]) }).parse(data).locale;
  return render("events.notice.guestInvited", true)(translator(locale), locale, data);
}

function where(t: Translate, d: EventPayload): string {
  const parts = [d.location, d.onlineUrl ? t("events.online", { url: d.onlineUrl }) : null].filter(Boolean);
  return parts.length ? parts.join(" · ") : t("events.notice.whereUnknown");
}

export const eventRenderers: NotificationRenderer[] = [
  { kind: "event.promoted", render: render("events.notice.promoted", true) },
  { kind: "event.changed", render: render("events.notice.changed", true) },
  { kind: "event.cancelled", render: render("events.notice.cancelled", false) },
  { kind: "event.reminder", render: render("events.notice.reminder", true) },
  { kind: "event.removed", render: render("events.notice.removed", false) },
  { kind: "event.movedToWaitlist", render: render("events.notice.movedToWaitlist", false) },
  { kind: "event.guestInvited", render: renderGuestInvited },
];
