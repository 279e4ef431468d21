import { randomUUID } from "node:crypto";
import { z } from "zod";
import { createEvent, EVENT_KINDS, MAX_CAPACITY, toLocalInput, updateEvent, viewEvent, type EventView } from "../../core/events/index.js";
import { eventFormChoices } from "../../core/events/form-choices.js";
import { idField } from "../../core/shared/fields.js";
import { announcementFor } from "./views.js";
import type { ChatContext } from "../context.js";
import { formFailure } from "../failures.js";
import { reply, textMessage, type ChatEffect, type Form, type FormField } from "../message.js";
import type { FormHandler } from "../registry.js";

export const EVENT_FORM_ID = "event";

/**
 * The coordinator's form for a new event (context = "new:" + a key of this form, so submitting it
 * twice creates one event), or prefilled for a change (context = event id).
 */
export async function eventForm(ctx: ChatContext, event?: EventView): Promise<Form> {
  const { timeZone, subgroups } = await ctx.core.run(eventFormChoices, ctx.actor.networkId);
  const local = (date: Date | null | undefined) => (date ? toLocalInput(date, timeZone) : undefined);
  const dateHint = ctx.t("events.form.dateHint");
  const fields: FormField[] = [
    { id: "kind", kind: "select", label: ctx.t("events.form.kind"), required: true, initial: event?.kind ?? "PRAKTIJKTAFEL", options: EVENT_KINDS.map((k) => ({ value: k, label: ctx.t(`events.kind.${k}`) })) },
    { id: "title", kind: "text", label: ctx.t("events.form.title"), required: true, initial: event?.title, maxLength: 120 },
    { id: "description", kind: "textarea", label: ctx.t("events.form.description"), required: false, initial: event?.description ?? undefined, maxLength: 2000 },
    { id: "guests", kind: "text", label: ctx.t("events.form.guests"), required: false, initial: event?.guests.join(", ") || undefined, hint: ctx.t("events.form.guestsHint") },
    { id: "location", kind: "text", label: ctx.t("events.form.location"), required: false, initial: event?.location ?? undefined, maxLength: 200 },
    { id: "onlineUrl", kind: "text", label: ctx.t("events.form.onlineUrl"), required: false, initial: event?.onlineUrl ?? undefined, maxLength: 500 },
    { id: "startsAt", kind: "datetime", label: ctx.t("events.form.startsAt"), required: true, initial: local(event?.startsAt), hint: dateHint },
    { id: "endsAt", kind: "datetime", label: ctx.t("events.form.endsAt"), required: true, initial: local(event?.endsAt), hint: dateHint },
    { id: "capacity", kind: "number", label: ctx.t("events.form.capacity"), required: false, initial: event?.capacity ?? undefined, min: 1, max: MAX_CAPACITY },
    { id: "rsvpDeadline", kind: "datetime", label: ctx.t("events.form.rsvpDeadline"), required: false, initial: local(event?.rsvpDeadline), hint: dateHint },
    {
      id: "subgroupId",
      kind: "select",
      label: ctx.t("events.form.audience"),
      required: true,
      initial: event?.subgroupId ?? "network",
      options: [{ value: "network", label: ctx.t("events.audience.network") }, ...subgroups.map((s) => ({ value: s.id, label: s.name }))],
    },
  ];
  return {
    id: EVENT_FORM_ID,
    title: event ? ctx.t("events.form.editTitle", { number: event.number }) : ctx.t("events.form.newTitle"),
    submitLabel: ctx.t("events.form.submit"),
    fields,
    context: event ? event.id : `${NEW_EVENT}${randomUUID()}`,
  };
}

const NEW_EVENT = "new:";

// The round-tripped context: "new:<key>" (or empty, from forms opened before keys) for a new
// event, an event id when editing.
const formContext = z
  .union([z.literal(""), z.string().regex(/^new:[0-9a-f-]{36}$/), idField.refine((id) => !id.startsWith(NEW_EVENT))])
  .optional();

// Only the form's own fields go to core: platforms may add their own keys to submissions.
const formFieldIds = ["kind", "title", "description", "guests", "location", "onlineUrl", "startsAt", "endsAt", "capacity", "rsvpDeadline", "subgroupId"];

export const eventFormHandler: FormHandler = {
  id: EVENT_FORM_ID,
  async submit(ctx, values, context) {
    const parsedContext = formContext.safeParse(context);
    if (!parsedContext.success) return [{ type: "formErrors", errors: { title: ctx.t("events.form.badContext") } }];
    const input = Object.fromEntries(formFieldIds.filter((id) => id in values).map((id) => [id, values[id]]));
    const submitted = parsedContext.data ?? "";
    if (submitted === "" || submitted.startsWith(NEW_EVENT)) return submitNew(ctx, input, submitted.slice(NEW_EVENT.length) || undefined);
    return submitChange(ctx, submitted, input);
  },
};

async function submitNew(ctx: ChatContext, input: Record<string, unknown>, formKey: string | undefined): Promise<ChatEffect[]> {
  const result = await ctx.core.run(createEvent, ctx.actor, input, formKey);
  if (!result.ok) return formFailure(ctx, result.error, await eventForm(ctx));
  const { event, created } = result.value;
  const params = { number: event.number, title: event.title };
  // The first submit announced it already.
  if (!created) return [reply(textMessage(ctx.t("events.alreadyCreated", params)))];
  const view = await ctx.core.run(viewEvent, ctx.actor, { eventId: event.id });
  if (!view.ok) throw new Error(`event ${event.id} vanished right after creation`);
  return [reply(textMessage(ctx.t("events.created", params))), { type: "post", message: announcementFor(view.value), announces: { eventId: event.id } }];
}

async function submitChange(ctx: ChatContext, eventId: string, input: Record<string, unknown>): Promise<ChatEffect[]> {
  const result = await ctx.core.run(updateEvent, ctx.actor, { ...input, eventId });
  if (!result.ok) {
    if (result.error.reason === "notFound") return [{ type: "formErrors", errors: { title: ctx.t("events.form.badContext") } }];
    return formFailure(ctx, result.error, await eventForm(ctx));
  }
  const { event, notified } = result.value;
  const params = { number: event.number, title: event.title, revision: event.revision, count: notified };
  return [reply(textMessage(ctx.t(notified > 0 ? "events.updated.notified" : "events.updated", params))), { type: "refreshAnnouncements", eventId: event.id }];
}
