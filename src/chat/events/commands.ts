import { z } from "zod";
import {
  attendeeList,
  attendeesSpreadsheet,
  eventCalendar,
  inviteGuest,
  listUpcomingEvents,
  respondToEvent,
  viewEvent,
  type RsvpOutcome,
} from "../../core/events/index.js";
import { formatWord } from "../../core/exports/schema.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { isCoordinator } from "../../core/actor.js";
import { failureReply } from "../failures.js";
import { eventForm, eventFormHandler } from "./event-form.js";
import { changeCapacity, askToCancel, confirmActions } from "./confirm.js";
import { LIST_VERBS, onePerson, pastAgenda } from "./list-management.js";
import { reply, textMessage, type ChatEffect, type ChatMessage } from "../message.js";
import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { agendaMessage, announcementFor, attendeesMessage, ICS_ACTION, RSVP_ACTION } from "./views.js";

export { announcementMessage } from "./views.js";

const agenda: Command = {
  name: "agenda",
  // "events" was the Dutch word before the glossary chose agenda/evenement; it keeps working.
  aliases: ["events", "evenementen"],
  help: "events.help.list",
  async run(ctx, args) {
    const sub = args.trim().toLowerCase();
    if (sub === "voorbij" || sub === "past") return isCoordinator(ctx.actor) ? pastAgenda(ctx) : [reply(textMessage(ctx.t("events.coordinatorOnly")))];
    return [reply(await agendaFor(ctx))];
  },
};

async function agendaFor(ctx: ChatContext): Promise<ChatMessage> {
  const result = await ctx.core.run(listUpcomingEvents, ctx.actor);
  if (!result.ok) return textMessage(ctx.t(result.error.key, result.error.params));
  return agendaMessage(ctx, result.value);
}

const rsvp: Command = {
  name: "rsvp",
  aliases: [],
  help: "events.help.rsvp",
  async run(ctx, args) {
    const [number, response, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!number || !response || rest.length) return [reply(textMessage(ctx.t("events.usage.rsvp")))];
    const result = await ctx.core.run(respondToEvent, ctx.actor, { number, response });
    if (!result.ok) {
      const usage = result.error.reason === "invalid" ? [reply(textMessage(ctx.t("events.usage.rsvp")))] : [];
      return [...failureReply(ctx, result.error), ...usage];
    }
    // Typed, not pressed: every channel copy of the announcement shows the new counts.
    return [reply(textMessage(rsvpText(ctx, result.value))), { type: "refreshAnnouncements", eventId: result.value.eventId }];
  },
};

function rsvpText(ctx: ChatContext, outcome: RsvpOutcome): string {
  const title = outcome.title;
  if (outcome.response === "YES") {
    return outcome.waitlisted
      ? ctx.t("events.reply.waitlisted", { title, position: outcome.position ?? "?" })
      : ctx.t("events.reply.yes", { title });
  }
  const text = ctx.t(outcome.response === "MAYBE" ? "events.reply.maybe" : "events.reply.no", { title });
  return outcome.promoted > 0 ? `${text} ${ctx.t("events.reply.promotedOthers")}` : text;
}

const manage: Command = {
  name: "evenement",
  aliases: ["event"],
  coordinatorOnly: true,
  help: "events.help.event",
  async run(ctx, args) {
    const [sub = "", number, ...rest] = args.split(/\s+/).filter(Boolean);
    const verb = sub.toLowerCase();
    if ((verb === "nieuw" || verb === "new") && !number) return [{ type: "openForm", form: await eventForm(ctx) }];
    if (/^\d+$/.test(sub) && (number?.toLowerCase() === "gast" || number?.toLowerCase() === "guest")) return invite(ctx, sub, rest);
    if (verb === "plekken" || verb === "places") {
      if (!number || rest.length !== 1) return [reply(textMessage(ctx.t("events.usage.capacity")))];
      return changeCapacity(ctx, number, rest[0]!);
    }
    if (!["wijzig", "edit", "annuleer", "cancel"].includes(verb) || rest.length) return [reply(textMessage(ctx.t("events.usage.event")))];
    if (!number) return [reply(textMessage(ctx.t("events.usage.number", { example: `event ${verb} 3` })))];
    return verb === "wijzig" || verb === "edit" ? editForm(ctx, number) : askToCancel(ctx, number);
  },
};

/** "event 3 gast wethouder@gemeente.nl": an external guest, who answers through their e-mailed link. */
async function invite(ctx: ChatContext, number: string, rest: string[]): Promise<ChatEffect[]> {
  if (rest.length !== 1) return [reply(textMessage(ctx.t("events.usage.guest")))];
  const result = await ctx.core.run(inviteGuest, ctx.actor, { number, email: rest[0] });
  if (!result.ok) {
    const usage = result.error.reason === "invalid" ? [reply(textMessage(ctx.t("events.usage.guest")))] : [];
    return [...failureReply(ctx, result.error), ...usage];
  }
  const { email, title } = result.value;
  return [reply(textMessage(ctx.t(result.value.created ? "events.guest.invited" : "events.guest.already", { email, number: result.value.number, title })))];
}

async function editForm(ctx: ChatContext, number: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(viewEvent, ctx.actor, { number });
  if (!result.ok) return failureReply(ctx, result.error);
  if (result.value.status === "CANCELLED") return [reply(textMessage(ctx.t("events.update.cancelled", { title: result.value.title })))];
  return [{ type: "openForm", form: await eventForm(ctx, result.value) }];
}

const LIST_PATTERN = new RegExp(`^(\\S+)(?:\\s+(${LIST_VERBS.join("|")})\\s+(.+))?$`, "i");

const attendees: Command = {
  name: "deelnemers",
  aliases: ["attendees", "aanmeldingen"],
  coordinatorOnly: true,
  help: "events.help.attendees",
  async run(ctx, args) {
    const download = /^(\S+)\s+(?:export|exporteer|download)(?:\s+(\S+))?$/i.exec(args);
    if (download) return attendeesFile(ctx, download[1]!, download[2]);
    const [, number, verb, name] = LIST_PATTERN.exec(args) ?? [];
    if (!number) return [reply(textMessage(ctx.t(args.trim() ? "events.usage.attendees" : "events.usage.number", { example: "deelnemers 3" })))];
    const result = await ctx.core.run(attendeeList, ctx.actor, { number });
    if (!result.ok) return failureReply(ctx, result.error);
    if (verb && name) return onePerson(ctx, result.value, verb, name);
    return [reply(attendeesMessage(ctx, result.value))];
  },
};

/** "deelnemers 3 export [xlsx]": the dashboard's attendee file, sent privately. */
async function attendeesFile(ctx: ChatContext, number: string, word: string | undefined): Promise<ChatEffect[]> {
  const format = formatWord(word);
  if (!format) return [reply(textMessage(ctx.t("events.attendees.exportUsage", { number })))];
  const result = await ctx.core.run(attendeesSpreadsheet, ctx.actor, { number, format });
  if (!result.ok) return failureReply(ctx, result.error);
  const { filename, mimeType, content, list } = result.value;
  const title = ctx.t("events.attendees.title", { number: list.event.number, title: list.event.title });
  return [reply(textMessage(ctx.t("events.attendees.exported", { title }))), { type: "file", file: { filename, mimeType, content, title } }];
}

const ics: Command = {
  name: "ics",
  aliases: ["kalender", "calendar"],
  help: "events.help.ics",
  async run(ctx, args) {
    if (!args) return [reply(textMessage(ctx.t("events.usage.number", { example: "ics 3" })))];
    return calendarEffects(ctx, { number: args });
  },
};

async function calendarEffects(ctx: ChatContext, ref: { number?: string; eventId?: string }): Promise<ChatEffect[]> {
  const result = await ctx.core.run(eventCalendar, ctx.actor, ref);
  if (!result.ok) return failureReply(ctx, result.error);
  const { filename, content, event } = result.value;
  return [
    reply(textMessage(ctx.t("events.calendarReply", { title: event.title }))),
    { type: "file", file: { filename, mimeType: "text/calendar", content, title: ctx.t("events.calendarFile", { title: event.title }) } },
  ];
}

// Button values come back from Slack and Teams unchanged, but are still outside input.
const rsvpButton = z.object({
  eventId: z.string().min(1).max(64),
  response: z.enum(["YES", "NO", "MAYBE"]),
  view: z.enum(["announcement", "list"]).default("announcement"),
});
const icsButton = z.object({ eventId: z.string().min(1).max(64) });

const rsvpAction: ActionHandler = {
  action: RSVP_ACTION,
  async run(ctx, value) {
    const button = parseButtonValue(rsvpButton, value);
    if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    const result = await ctx.core.run(respondToEvent, ctx.actor, { eventId: button.eventId, response: button.response });
    if (!result.ok) return failureReply(ctx, result.error);
    const refreshed = button.view === "list" ? await agendaFor(ctx) : await refreshedAnnouncement(ctx, button.eventId);
    return [...(refreshed ? [{ type: "update" as const, message: refreshed }] : []), reply(textMessage(rsvpText(ctx, result.value)))];
  },
};

async function refreshedAnnouncement(ctx: ChatContext, eventId: string): Promise<ChatMessage | null> {
  const view = await ctx.core.run(viewEvent, ctx.actor, { eventId });
  return view.ok ? announcementFor(view.value) : null;
}

const icsAction: ActionHandler = {
  action: ICS_ACTION,
  async run(ctx, value) {
    const button = parseButtonValue(icsButton, value);
    if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
    return calendarEffects(ctx, { eventId: button.eventId });
  },
};

export const eventCommands: Command[] = [agenda, rsvp, ics, manage, attendees];
export const eventActions: ActionHandler[] = [rsvpAction, icsAction, ...confirmActions];
export const eventForms: FormHandler[] = [eventFormHandler];
