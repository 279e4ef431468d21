import { viewEvent, type EventRow, type EventView, type RsvpCounts } from "../../core/events/index.js";
import type { AttendeeList, Attendee } from "../../core/events/index.js";
import { formatDateTime, formatTime } from "../../i18n/format.js";
import { translator, type Locale, type Translate } from "../../i18n/index.js";
import type { ChatContext } from "../context.js";
import type { Block, Button, ChatMessage } from "../message.js";
import { attendanceMark } from "./list-management.js";

/** What a message needs to speak a language. */
type Speaker = Pick<ChatContext, "locale" | "t">;

export const RSVP_ACTION = "event.rsvp";
export const ICS_ACTION = "event.ics";
/** Where an RSVP button sits: the public announcement or someone's private agenda list. */
export type RsvpView = "announcement" | "list";

/**
 * The public announcement of an event: what, when, where, who, how full, with RSVP and
 * calendar buttons. It shows no one's own answer, because everyone in the channel sees it.
 * Slack and Teams adapters call this to refresh other copies after an RSVP.
 */
export async function announcementMessage(ctx: ChatContext, eventId: string): Promise<ChatMessage | null> {
  const result = await ctx.core.run(viewEvent, ctx.actor, { eventId });
  return result.ok ? announcementFor(result.value) : null;
}

// Everyone in the channel reads the same message, so it speaks the network's language, not
// that of whoever pressed the last button.
export function announcementFor(event: EventView): ChatMessage {
  const locale = event.network.defaultLocale;
  const ctx = { locale, t: translator(locale) };
  const cancelled = event.status === "CANCELLED";
  const title = cancelled ? ctx.t("events.cancelledTitle", { title: event.title }) : event.title;
  const blocks: Block[] = [
    { type: "header", text: title },
    { type: "context", text: `#${event.number} · ${kindLabel(ctx.t, event)}` },
    ...(event.description ? [{ type: "text" as const, text: event.description }] : []),
    { type: "fields", fields: eventFields(ctx, event) },
  ];
  if (cancelled) blocks.push({ type: "text", text: ctx.t("events.cancelledNote") });
  else {
    if (event.rsvpDeadline) blocks.push({ type: "context", text: ctx.t("events.label.deadline", { deadline: when(ctx.locale, event.rsvpDeadline, event) }) });
    blocks.push({ type: "actions", buttons: [...rsvpButtons(ctx.t, event.id, "announcement"), calendarButton(ctx.t, event.id)] });
  }
  return { summary: `${title} — ${when(ctx.locale, event.startsAt, event)}`, blocks };
}

/** An event of a network above (or, for its coordinators, below) the person's own says whose it is. */
const otherNetwork = (ctx: ChatContext, event: EventView) =>
  event.networkId !== ctx.actor.networkId ? ctx.t("events.audience.otherNetwork", { network: event.network.name }) : null;

/** The private agenda: upcoming events with the person's own answer and RSVP buttons. */
export function agendaMessage(ctx: ChatContext, events: EventView[]): ChatMessage {
  const title = ctx.t("events.list.title");
  if (events.length === 0) return { summary: title, blocks: [{ type: "header", text: title }, { type: "text", text: ctx.t("events.list.empty") }] };
  const blocks: Block[] = [{ type: "header", text: title }];
  for (const event of events) {
    blocks.push(
      { type: "divider" },
      { type: "text", text: [ctx.t("events.list.line", { number: event.number, title: event.title, when: when(ctx.locale, event.startsAt, event) }), place(ctx.t, event), places(ctx.t, event, event.counts)].join("\n") },
      { type: "context", text: [kindLabel(ctx.t, event), otherNetwork(ctx, event), event.subgroup ? ctx.t("events.audience.subgroup", { name: event.subgroup.name }) : null, myAnswer(ctx.t, event)].filter(Boolean).join(" · ") },
      { type: "actions", buttons: [...rsvpButtons(ctx.t, event.id, "list"), calendarButton(ctx.t, event.id)] },
    );
  }
  return { summary: title, blocks };
}

export function attendeesMessage(ctx: ChatContext, list: AttendeeList): ChatMessage {
  const title = ctx.t("events.attendees.title", { number: list.event.number, title: list.event.title });
  const section = (key: "attending" | "maybe" | "waitlist" | "declined", people: Attendee[], numbered = false): Block => ({
    type: "text",
    text: [
      ctx.t(`events.attendees.${key}`, { count: people.length }),
      ...(people.length ? people.map((p, i) => `${numbered ? `${i + 1}.` : "•"} ${p.name} (${p.employer ?? ctx.t("events.attendees.noEmployer")})${attendanceMark(ctx, p)}`) : [ctx.t("events.attendees.none")]),
    ].join("\n"),
  });
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "context", text: when(ctx.locale, list.event.startsAt, list.event) },
      section("attending", list.attending),
      section("maybe", list.maybe),
      section("waitlist", list.waitlist, true),
      section("declined", list.declined),
      guestSection(ctx, list),
      // After it began, the coordinator marks who came; before, the waiting list can be reordered.
      { type: "context", text: ctx.t(list.event.startsAt <= ctx.core.now() ? "events.attendance.hint" : "events.waitlist.hint", { number: list.event.number }) },
    ],
  };
}

/** External guests, marked as such, with their answer; a guest with a place counts towards capacity. */
function guestSection(ctx: ChatContext, list: AttendeeList): Block {
  const answer = (g: AttendeeList["guests"][number]) =>
    g.response === null ? ctx.t("events.attendees.guestAnswer.none") : g.waitlisted ? ctx.t("events.attendees.guestAnswer.waitlist") : ctx.t(`links.answer.${g.response}`);
  return {
    type: "text",
    text: [ctx.t("events.attendees.guests", { count: list.guests.length }), ...(list.guests.length ? list.guests.map((g) => `• ${g.name}: ${answer(g)}`) : [ctx.t("events.attendees.none")])].join("\n"),
  };
}

function eventFields(ctx: Speaker, event: EventView) {
  const fields = [
    { label: ctx.t("events.label.when"), value: `${when(ctx.locale, event.startsAt, event)} – ${time(ctx.locale, event.endsAt, event)}` },
    { label: ctx.t("events.label.where"), value: place(ctx.t, event) },
  ];
  if (event.guests.length) fields.push({ label: ctx.t("events.label.guests"), value: event.guests.join(", ") });
  fields.push({ label: ctx.t("events.label.audience"), value: event.subgroup ? ctx.t("events.audience.subgroup", { name: event.subgroup.name }) : ctx.t("events.audience.network") });
  fields.push({ label: ctx.t("events.label.places"), value: places(ctx.t, event, event.counts) });
  return fields;
}

export function kindLabel(t: Translate, event: Pick<EventRow, "kind">): string {
  return t(`events.kind.${event.kind}`);
}

export function when(locale: Locale, date: Date, event: { network: { timeZone: string } }): string {
  return formatDateTime(locale, date, event.network.timeZone);
}

function time(locale: Locale, date: Date, event: { network: { timeZone: string } }): string {
  return formatTime(locale, date, event.network.timeZone);
}

export function place(t: Translate, event: Pick<EventRow, "location" | "onlineUrl">): string {
  const parts = [event.location, event.onlineUrl ? t("events.online", { url: event.onlineUrl }) : null].filter(Boolean);
  return parts.length ? parts.join(" · ") : t("events.notice.whereUnknown");
}

function places(t: Translate, event: Pick<EventRow, "capacity">, counts: RsvpCounts): string {
  const taken =
    event.capacity === null
      ? t("events.places.open", { attending: counts.attending })
      : t("events.places.capacity", { attending: counts.attending, capacity: event.capacity, waitlisted: counts.waitlisted });
  return counts.maybe ? `${taken}; ${t("events.places.maybe", { maybe: counts.maybe })}` : taken;
}

function myAnswer(t: Translate, event: EventView): string | null {
  if (!event.mine) return null;
  if (event.mine.waitlisted) return t("events.mine.waitlisted", { position: event.mine.position ?? "?" });
  return t(`events.mine.${event.mine.response}`);
}

function rsvpButtons(t: Translate, eventId: string, view: RsvpView): Button[] {
  const value = (response: string) => JSON.stringify(view === "list" ? { eventId, response, view } : { eventId, response });
  return [
    { action: RSVP_ACTION, label: t("events.button.yes"), value: value("YES"), style: "primary" },
    { action: RSVP_ACTION, label: t("events.button.maybe"), value: value("MAYBE") },
    { action: RSVP_ACTION, label: t("events.button.no"), value: value("NO") },
  ];
}

function calendarButton(t: Translate, eventId: string): Button {
  return { action: ICS_ACTION, label: t("events.button.calendar"), value: JSON.stringify({ eventId }) };
}
