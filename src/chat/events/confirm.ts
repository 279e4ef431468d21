import { z } from "zod";
import { cancelEvent, cancelImpact, capacityImpact, removeAttendee, updateEvent, type Attendee, type AttendeeList } from "../../core/events/index.js";
import { idField } from "../../core/shared/fields.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type Button, type ChatEffect, type ChatMessage } from "../message.js";
import type { ActionHandler } from "../registry.js";

// Destructive event actions ask first and say what will happen; the button does it.
const CANCEL_CONFIRM = "event.cancel.confirm";
const REMOVE_CONFIRM = "event.attendee.remove.confirm";
const CAPACITY_CONFIRM = "event.capacity.confirm";
const KEEP = "event.keep";

function confirmation(ctx: ChatContext, title: string, text: string, confirm: Omit<Button, "style">): ChatMessage {
  return {
    summary: title,
    blocks: [
      { type: "header", text: title },
      { type: "text", text },
      { type: "actions", buttons: [{ ...confirm, style: "danger" }, { action: KEEP, label: ctx.t("events.confirm.keep"), value: "keep" }] },
    ],
  };
}

/** "evenement annuleer 3": how many will be told, then the button. */
export async function askToCancel(ctx: ChatContext, number: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(cancelImpact, ctx.actor, { number });
  if (!result.ok) return failureReply(ctx, result.error);
  const { event, toNotify } = result.value;
  const title = ctx.t("events.cancel.confirmTitle", { number: event.number, title: event.title });
  const button = { action: CANCEL_CONFIRM, label: ctx.t("events.cancel.button"), value: JSON.stringify({ eventId: event.id }) };
  return [reply(confirmation(ctx, title, ctx.t("events.cancel.confirmText", { count: toNotify }), button))];
}

/** "deelnemers 3 verwijder Henk": who is taken off, that they are told, and where the place goes. */
export function askToRemove(ctx: ChatContext, list: AttendeeList, person: Attendee): ChatEffect[] {
  const hadPlace = list.attending.some((a) => a.personId === person.personId);
  const title = ctx.t("events.attendee.confirmTitle", { name: person.name, number: list.event.number });
  const text = [ctx.t("events.attendee.confirmText", { name: person.name, title: list.event.title }), hadPlace && list.waitlist.length > 0 ? ctx.t("events.attendee.confirmPromote") : ""].filter(Boolean).join(" ");
  const button = { action: REMOVE_CONFIRM, label: ctx.t("events.attendee.button"), value: JSON.stringify({ eventId: list.event.id, personId: person.personId }) };
  return [reply(confirmation(ctx, title, text, button))];
}

/** "evenement plekken 3 10": set at once when everyone fits, else say who would lose their place. */
export async function changeCapacity(ctx: ChatContext, number: string, capacity: string): Promise<ChatEffect[]> {
  const impact = await ctx.core.run(capacityImpact, ctx.actor, { number, capacity });
  if (!impact.ok) return failureReply(ctx, impact.error);
  const { event, attending, movers } = impact.value;
  if (movers.length === 0) return applyCapacity(ctx, event.id, Number(capacity), false, reply);
  const params = { number: event.number, title: event.title, capacity: Number(capacity), attending, excess: movers.length, names: movers.map((m) => m.name).join(", ") };
  const button = { action: CAPACITY_CONFIRM, label: ctx.t("events.capacity.button"), value: JSON.stringify({ eventId: event.id, capacity: Number(capacity) }) };
  return [reply(confirmation(ctx, ctx.t("events.capacity.confirmTitle", params), ctx.t("events.capacity.confirmText", params), button))];
}

async function applyCapacity(ctx: ChatContext, eventId: string, capacity: number, moveToWaitlist: boolean, show: (m: ChatMessage) => ChatEffect): Promise<ChatEffect[]> {
  const result = await ctx.core.run(updateEvent, ctx.actor, { eventId, capacity, moveToWaitlist });
  if (!result.ok) return failureReply(ctx, result.error);
  const { event, moved } = result.value;
  const text = [ctx.t("events.capacity.set", { number: event.number, title: event.title, capacity }), moved > 0 ? ctx.t("events.capacity.moved", { moved }) : ""].filter(Boolean).join(" ");
  return [show(textMessage(text)), { type: "refreshAnnouncements", eventId: event.id }];
}

const update = (message: ChatMessage): ChatEffect => ({ type: "update", message });

const eventButton = z.object({ eventId: idField });

const confirmCancel: ActionHandler = {
  action: CANCEL_CONFIRM,
  async run(ctx, value) {
    const button = parseButtonValue(eventButton, value);
    if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    const result = await ctx.core.run(cancelEvent, ctx.actor, button);
    if (!result.ok) return failureReply(ctx, result.error);
    const { event, notified } = result.value;
    return [update(textMessage(ctx.t("events.cancelled", { number: event.number, title: event.title, count: notified }))), { type: "refreshAnnouncements", eventId: event.id }];
  },
};

const confirmRemove: ActionHandler = {
  action: REMOVE_CONFIRM,
  async run(ctx, value) {
    const button = parseButtonValue(eventButton.extend({ personId: idField }), value);
    if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    const result = await ctx.core.run(removeAttendee, ctx.actor, button);
    if (!result.ok) return failureReply(ctx, result.error);
    const { name, number } = result.value;
    const text = [ctx.t(result.value.told ? "events.attendee.removedTold" : "events.attendee.removed", { name, number }), result.value.promoted ? ctx.t("events.attendee.promoted") : ""].filter(Boolean).join(" ");
    return [update(textMessage(text)), { type: "refreshAnnouncements", eventId: button.eventId }];
  },
};

const confirmCapacity: ActionHandler = {
  action: CAPACITY_CONFIRM,
  async run(ctx, value) {
    const button = parseButtonValue(eventButton.extend({ capacity: z.number().int().min(1) }), value);
    if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    return applyCapacity(ctx, button.eventId, button.capacity, true, update);
  },
};

const keep: ActionHandler = {
  action: KEEP,
  async run(ctx) {
    return [update(textMessage(ctx.t("events.confirm.kept")))];
  },
};

export const confirmActions: ActionHandler[] = [confirmCancel, confirmRemove, confirmCapacity, keep];
