import { givePlace, markAttendance, moveInWaitlist, pastEvents, type Attendee, type AttendeeList } from "../../core/events/index.js";
import { matchByName } from "../../core/subgroups/match.js";
import { formatShortDateTime } from "../../i18n/format.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type Block, type ChatEffect } from "../message.js";
import { askToRemove } from "./confirm.js";

/** What a coordinator can do to one person on an event's list, by the word they type. */
const verbs: Record<string, "remove" | "up" | "down" | "place" | "came" | "absent"> = {
  verwijder: "remove", remove: "remove",
  omhoog: "up", up: "up",
  omlaag: "down", down: "down",
  plek: "place", place: "place",
  aanwezig: "came", came: "came",
  afwezig: "absent", absent: "absent",
};
export const LIST_VERBS = Object.keys(verbs);

/** "deelnemers 3 omhoog Mo": the whole name, or a part of it that fits one person in the group it applies to. */
export async function onePerson(ctx: ChatContext, list: AttendeeList, word: string, name: string): Promise<ChatEffect[]> {
  const verb = verbs[word.toLowerCase()]!;
  const waiting = verb === "up" || verb === "down" || verb === "place";
  const listed = waiting ? list.waitlist : [...list.attending, ...list.waitlist, ...list.maybe];
  const match = matchByName(listed.map((a) => ({ ...a, id: a.personId, slug: "" })), name);
  if (match.kind === "none") return say(ctx.t(waiting ? "events.waitlist.notWaiting" : "events.attendee.notFound"));
  if (match.kind === "many") return say(ctx.t(verb === "remove" ? "events.attendee.ambiguous" : "events.attendee.ambiguousAny", { names: match.items.slice(0, 5).map((a) => a.name).join(", ") }));
  const person: Attendee = match.item;
  const ref = { eventId: list.event.id, personId: person.personId };
  if (verb === "remove") return askToRemove(ctx, list, person);
  if (verb === "up" || verb === "down") {
    const moved = await ctx.core.run(moveInWaitlist, ctx.actor, { ...ref, direction: verb });
    if (!moved.ok) return failureReply(ctx, moved.error);
    return say(ctx.t("events.waitlist.moved", { name: person.name, number: moved.value.number, position: moved.value.position }));
  }
  if (verb === "place") {
    const given = await ctx.core.run(givePlace, ctx.actor, ref);
    if (!given.ok) return failureReply(ctx, given.error);
    const { attending, capacity, number } = given.value;
    const over = capacity !== null && attending > capacity ? ` ${ctx.t("events.waitlist.overCapacity", { attending, capacity })}` : "";
    return [reply(textMessage(`${ctx.t("events.waitlist.placeGiven", { name: person.name, number })}${over}`)), { type: "refreshAnnouncements", eventId: list.event.id }];
  }
  const marked = await ctx.core.run(markAttendance, ctx.actor, { ...ref, attended: verb === "came" });
  if (!marked.ok) return failureReply(ctx, marked.error);
  return say(ctx.t(verb === "came" ? "events.attendance.came" : "events.attendance.absent", { name: person.name, number: marked.value.number }));
}

const say = (text: string): ChatEffect[] => [reply(textMessage(text))];

/** After the event: who came and who did not, for the attendee list. */
export function attendanceMark(ctx: Pick<ChatContext, "t">, attendee: Attendee): string {
  if (attendee.attended === null) return "";
  return ` — ${ctx.t(attendee.attended ? "events.attendance.mark.came" : "events.attendance.mark.absent")}`;
}

/** "agenda voorbij": the latest past events with attendance, for coordinators. */
export async function pastAgenda(ctx: ChatContext): Promise<ChatEffect[]> {
  const result = await ctx.core.run(pastEvents, ctx.actor);
  if (!result.ok) return failureReply(ctx, result.error);
  const title = ctx.t("events.past.title");
  if (result.value.length === 0) return [reply({ summary: title, blocks: [{ type: "header", text: title }, { type: "text", text: ctx.t("events.past.empty") }] })];
  const blocks: Block[] = [{ type: "header", text: title }];
  for (const p of result.value) {
    const when = formatShortDateTime(ctx.locale, p.event.startsAt, p.event.network.timeZone);
    blocks.push({
      type: "text",
      text: [ctx.t("events.list.line", { number: p.event.number, title: p.event.title, when }), ctx.t("events.past.counts", { signedUp: p.signedUp, came: p.came, absent: p.absent, unmarked: p.unmarked })].join("\n"),
    });
  }
  blocks.push({ type: "context", text: ctx.t("events.past.hint") });
  return [reply({ summary: title, blocks })];
}
