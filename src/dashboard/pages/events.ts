import type { AttendeeList, Attendee, EventFormChoices, EventRow } from "../../core/events/index.js";
import { EVENT_KINDS, MAX_CAPACITY, toLocalInput } from "../../core/events/index.js";
import type { EventCounts } from "../../core/insights/upcoming-events.js";
import { formatDateTime } from "../../i18n/format.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { field, formAlert, notice, type FieldSpec, type FormValues } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const EVENTS_PATH = "/dashboard/manage/events";
export const eventPath = (number: number | string) => `${EVENTS_PATH}/${encodeURIComponent(String(number))}`;

export const EVENT_FIELD_IDS = ["kind", "title", "description", "guests", "location", "onlineUrl", "startsAt", "endsAt", "capacity", "rsvpDeadline", "subgroupId"];

export interface EventFormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

function eventFields(t: Translate, choices: EventFormChoices): FieldSpec[] {
  const dateHint = t("events.form.dateHint");
  return [
    { id: "kind", kind: "select", label: t("events.form.kind"), required: true, options: EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}` as MessageKey) })) },
    { id: "title", kind: "text", label: t("events.form.title"), required: true, maxLength: 120 },
    { id: "description", kind: "textarea", label: t("events.form.description"), maxLength: 2000 },
    { id: "guests", kind: "text", label: t("events.form.guests"), hint: t("events.form.guestsHint") },
    { id: "location", kind: "text", label: t("events.form.location"), maxLength: 200 },
    { id: "onlineUrl", kind: "text", label: t("events.form.onlineUrl"), maxLength: 500 },
    { id: "startsAt", kind: "text", label: t("events.form.startsAt"), required: true, hint: dateHint },
    { id: "endsAt", kind: "text", label: t("events.form.endsAt"), required: true, hint: dateHint },
    { id: "capacity", kind: "number", label: t("events.form.capacity"), min: 1, max: MAX_CAPACITY },
    { id: "rsvpDeadline", kind: "text", label: t("events.form.rsvpDeadline"), hint: dateHint },
    {
      id: "subgroupId",
      kind: "select",
      label: t("events.form.audience"),
      required: true,
      options: [{ value: "network", label: t("events.audience.network") }, ...choices.subgroups.map((s) => ({ value: s.id, label: s.name }))],
    },
  ];
}

/** "2026-12-15T15:00" as Dutch people type it: 15-12-2026 15:00 (the form accepts both). */
function dutchLocal(date: Date | null, timeZone: string): string | undefined {
  if (!date) return undefined;
  const [day, time] = toLocalInput(date, timeZone).split("T") as [string, string];
  const [y, m, d] = day.split("-");
  return `${d}-${m}-${y} ${time}`;
}

export function eventValues(e: EventRow): FormValues {
  const tz = e.network.timeZone;
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    guests: e.guests.join(", "),
    location: e.location,
    onlineUrl: e.onlineUrl,
    startsAt: dutchLocal(e.startsAt, tz),
    endsAt: dutchLocal(e.endsAt, tz),
    capacity: e.capacity,
    rsvpDeadline: dutchLocal(e.rsvpDeadline, tz),
    subgroupId: e.subgroupId ?? "network",
  };
}

export function eventsPage(ctx: PageContext, events: EventCounts[], done: string | null): string {
  const { t, locale } = ctx;
  const body = html`<h1>${t("dashboard.actions.events.title")}</h1>${manageNav(t)}${notice(done)}
<p><a class="button primary" href="${EVENTS_PATH}/new">${t("events.form.newTitle")}</a></p>
${events.length === 0 ? html`<p>${t("dashboard.events.none")}</p>` : html`<div class="table-scroll"><table id="event-list"><thead><tr><th>${t("dashboard.actions.events.number")}</th><th>${t("dashboard.table.event")}</th><th>${t("dashboard.table.date")}</th>
<th>${t("dashboard.table.yes")}</th><th>${t("dashboard.table.maybe")}</th><th>${t("dashboard.table.waitlist")}</th><th>${t("dashboard.table.capacity")}</th></tr></thead>
<tbody>${events.map((e) => html`<tr data-event="${e.number}"><td>${e.number}</td><td><a href="${eventPath(e.number)}">${e.title}</a>${e.subgroupName ? html` <small>(${e.subgroupName})</small>` : ""}</td>
<td>${formatDateTime(locale, e.startsAt)}</td><td>${e.yes}</td><td>${e.maybe}</td><td>${e.waitlisted}</td><td>${e.capacity ?? "—"}</td></tr>`)}</tbody></table></div>`}`;
  return dashboardPage(ctx, t("dashboard.actions.events.title"), body);
}

export function newEventPage(ctx: PageContext, choices: EventFormChoices, formKey: string, state: EventFormState): string {
  const { t } = ctx;
  const body = html`<h1>${t("events.form.newTitle")}</h1>${manageNav(t)}
<form method="post" action="${EVENTS_PATH}/new" class="edit" novalidate>${csrfField(ctx)}<input type="hidden" name="formKey" value="${formKey}">${formAlert(state.general)}
${eventFields(t, choices).map((spec) => field(spec, state.values, state.errors))}
<button type="submit" class="primary">${t("events.form.submit")}</button></form>`;
  return dashboardPage(ctx, t("events.form.newTitle"), body);
}

/** One event: its details form, who comes (each removable), and cancelling it. */
export function eventPage(ctx: PageContext, list: AttendeeList, choices: EventFormChoices, edit: EventFormState, done: string | null): string {
  const { t, locale } = ctx;
  const e = list.event;
  const cancelled = e.status === "CANCELLED";
  const title = `#${e.number} ${e.title}`;
  const body = html`<h1>${title}</h1>${manageNav(t)}${notice(done)}
<p>${formatDateTime(locale, e.startsAt, e.network.timeZone)}${cancelled ? html` — <strong>${t("dashboard.actions.events.cancelledState")}</strong>` : ""}</p>
<section id="attendees"><h2>${t("dashboard.events.attendees.heading")}</h2>
${attendeeTable(ctx, e.number, t("events.attendees.attending", { count: list.attending.length }), list.attending, "attending", !cancelled)}
${attendeeTable(ctx, e.number, t("events.attendees.waitlist", { count: list.waitlist.length }), list.waitlist, "waitlist", !cancelled)}
${attendeeTable(ctx, e.number, t("events.attendees.maybe", { count: list.maybe.length }), list.maybe, "maybe", !cancelled)}
${attendeeTable(ctx, e.number, t("events.attendees.declined", { count: list.declined.length }), list.declined, "declined", false)}
<p><a href="/dashboard/events/${e.number}/attendees.csv" download>${t("dashboard.events.attendees")}</a></p></section>
${cancelled ? "" : html`<section id="edit"><h2>${t("events.form.editTitle", { number: e.number })}</h2>
<form method="post" action="${eventPath(e.number)}/edit" class="edit" novalidate>${csrfField(ctx)}${formAlert(edit.general)}
${eventFields(t, choices).map((spec) => field(spec, edit.values, edit.errors))}
<button type="submit" class="primary">${t("events.form.submit")}</button></form></section>
<section id="cancel"><h2>${t("dashboard.actions.events.cancelHeading")}</h2>
<p><a class="button danger" href="${eventPath(e.number)}/cancel">${t("dashboard.actions.events.cancelButton")}</a></p></section>`}`;
  return dashboardPage(ctx, title, body);
}

function attendeeTable(ctx: PageContext, number: number, caption: string, people: Attendee[], group: string, removable: boolean): Html {
  const { t, locale } = ctx;
  if (people.length === 0) return html`<h3>${caption}</h3>`;
  return html`<h3>${caption}</h3><div class="table-scroll"><table data-group="${group}"><thead><tr><th>${t("members.add.name")}</th><th>${t("dashboard.table.employer")}</th><th>${t("dashboard.actions.events.respondedAt")}</th>${removable ? html`<th><span class="visually-hidden">${t("dashboard.manage.actions")}</span></th>` : ""}</tr></thead>
<tbody>${people.map((a) => html`<tr data-person="${a.personId}"><td>${a.name}</td><td>${a.employer ?? "—"}</td><td>${formatDateTime(locale, a.respondedAt)}</td>
${removable ? html`<td><a href="${eventPath(number)}/attendees/${encodeURIComponent(a.personId)}/remove">${t("dashboard.actions.events.remove")}</a></td>` : ""}</tr>`)}</tbody></table></div>`;
}

/** Asks first, and says who will be told. */
export function cancelConfirmPage(ctx: PageContext, list: AttendeeList): string {
  const { t } = ctx;
  const e = list.event;
  const told = list.attending.length + list.waitlist.length + list.maybe.length;
  const title = t("dashboard.actions.events.cancelConfirm", { number: e.number, title: e.title });
  const body = html`<h1>${title}</h1><p id="impact">${t("dashboard.actions.events.cancelImpact", { count: told })}</p>
<form method="post" action="${eventPath(e.number)}/cancel">${csrfField(ctx)}
<button type="submit" class="danger">${t("dashboard.actions.events.cancelButton")}</button> <a href="${eventPath(e.number)}">${t("members.erase.button.cancel")}</a></form>`;
  return dashboardPage(ctx, title, body);
}

export function removeAttendeeConfirmPage(ctx: PageContext, list: AttendeeList, person: Attendee, hadPlace: boolean): string {
  const { t } = ctx;
  const e = list.event;
  const title = t("dashboard.actions.events.removeConfirm", { name: person.name, number: e.number });
  const body = html`<h1>${title}</h1><p id="impact">${t(hadPlace && list.waitlist.length > 0 ? "dashboard.actions.events.removeImpactPromote" : "dashboard.actions.events.removeImpact")}</p>
<form method="post" action="${eventPath(e.number)}/attendees/${encodeURIComponent(person.personId)}/remove">${csrfField(ctx)}
<button type="submit" class="danger">${t("dashboard.actions.events.remove")}</button> <a href="${eventPath(e.number)}">${t("members.erase.button.cancel")}</a></form>`;
  return dashboardPage(ctx, title, body);
}
