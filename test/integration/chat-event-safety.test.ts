import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleAction, handleFormSubmit, handleText } from "../../src/chat/conversation.js";
import type { ChatEffect, ChatMessage } from "../../src/chat/message.js";
import { renderNotification } from "../../src/chat/notifications.js";
import { translator } from "../../src/i18n/index.js";
import { attendeeList, respondToEvent, updateEvent, viewEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor, depsFor, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { visibleText as visible } from "../support/chat-text.js";
import { extraMembers } from "./events-helpers.js";

const replies = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "reply" ? [visible(e.message)] : []));
const updates = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "update" ? [visible(e.message)] : []));
const buttons = (message: ChatMessage) => message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
const replyMessage = (effects: ChatEffect[]) => {
  const found = effects.filter((e) => e.type === "reply");
  expect(found).toHaveLength(1);
  return (found[0] as Extract<ChatEffect, { type: "reply" }>).message;
};

describeEachDatabase("chat: destructive event actions ask first", (use) => {
  async function setup() {
    const db = use();
    const { actor, networkId } = await seedDemo(db);
    const sanne = chatContext(chatFor(depsFor(db)), await actor("coordinator"), "SLACK");
    // Five members say yes in this order; the event then has five places.
    const members = await extraMembers(db, networkId, 5);
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 5 });
    for (const m of members) expect((await respondToEvent(depsFor(db), m, { number: 1, response: "ja" })).ok).toBe(true);
    const late = await actor("bakeryHr");
    expect(await respondToEvent(depsFor(db), late, { number: 1, response: "ja" })).toMatchObject({ ok: true, value: { waitlisted: true } });
    const names = await Promise.all(members.map(async (m) => (await db.prisma.person.findUniqueOrThrow({ where: { id: m.personId } })).name));
    return { db, actor, sanne, members, names, late };
  }

  it("refuses a lower capacity in the form with the count, on the capacity field, and changes nothing", async () => {
    const { db, sanne } = await setup();
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1, network: { slug: "99vandemo" } } });
    const before = await snapshotCounts(db);
    const form = await handleFormSubmit(sanne, "event", { capacity: "3" }, event.id);
    expect(form).toEqual([
      {
        type: "formErrors",
        errors: { capacity: "Er hebben al 5 deelnemers een plek. Kies minstens 5, of typ evenement plekken 1 3: dan gaan de laatste 2 aanmeldingen na je bevestiging naar de wachtlijst." },
      },
    ]);
    expect(await snapshotCounts(db)).toEqual(before);
    const en = { ...sanne, locale: "en" as const, t: translator("en") };
    const english = await handleFormSubmit(en, "event", { capacity: "4" }, event.id);
    expect(english[0]).toMatchObject({ errors: { capacity: "5 attendees already have a place. Choose at least 5, or type event places 1 4: after you confirm, the last sign-up goes to the waiting list." } });
  });

  it("moves the last ones to the front of the waiting list after confirmation, and tells them", async () => {
    const { db, sanne, members, names, late } = await setup();
    const before = await snapshotCounts(db);
    const asked = await handleText(sanne, "evenement plekken 1 3");
    expect(replies(asked)).toEqual([
      `#1 Praktijktafel met de wethouder Werk en Inkomen naar 3 plekken?\nEr hebben nu 5 deelnemers een plek. Met 3 plekken gaan de laatste 2 aanmeldingen vooraan op de wachtlijst: ${names[4]}, ${names[3]}. Zij krijgen bericht.\n[Ja, zet op de wachtlijst] [Nee, niets doen]`,
    ]);
    expect(await snapshotCounts(db)).toEqual(before);
    // "Nee" changes nothing either.
    expect(updates(await handleAction(sanne, "event.keep", "keep"))).toEqual(["Er is niets veranderd."]);
    expect(await snapshotCounts(db)).toEqual(before);

    const danger = buttons(replyMessage(asked)).find((b) => b.style === "danger")!;
    const done = await handleAction(sanne, danger.action, danger.value);
    expect(updates(done)).toEqual(["#1 Praktijktafel met de wethouder Werk en Inkomen heeft nu 3 plekken. 2 deelnemers staan nu vooraan op de wachtlijst en krijgen bericht."]);
    expect(done.some((e) => e.type === "refreshAnnouncements")).toBe(true);

    const list = await attendeeList(depsFor(db), sanne.actor, { number: 1 });
    if (!list.ok) throw new Error(list.error.key);
    expect(list.value.attending.map((a) => a.personId)).toEqual(members.slice(0, 3).map((m) => m.personId));
    // They had a place, so they come first; the one who was already waiting stays behind them.
    expect(list.value.waitlist.map((a) => a.personId)).toEqual([members[3]!.personId, members[4]!.personId, late.personId]);
    const notices = await db.prisma.outboxMessage.findMany({ where: { kind: "event.movedToWaitlist" }, orderBy: { personId: "asc" } });
    expect(notices.map((n) => n.personId).sort()).toEqual([members[3]!.personId, members[4]!.personId].sort());
    const first = notices.find((n) => n.personId === members[3]!.personId)!;
    expect(renderNotification("event.movedToWaitlist", "nl", first.payload as Record<string, unknown>).summary).toMatch(
      /^Praktijktafel met de wethouder Werk en Inkomen \(.*\) heeft minder plekken gekregen\. Je staat nu vooraan op de wachtlijst \(nummer 1\); je krijgt bericht als er een plek vrijkomt\.$/,
    );
    expect(renderNotification("event.movedToWaitlist", "en", first.payload as Record<string, unknown>).summary).toContain("You are first in line on the waiting list (number 1)");
    const view = await viewEvent(depsFor(db), sanne.actor, { number: 1 });
    expect(view.ok && view.value.capacity).toBe(3);
  });

  it("sets a capacity that everyone still fits at once, and explains bad input", async () => {
    const { sanne } = await setup();
    expect(replies(await handleText(sanne, "evenement plekken 1 8"))).toEqual(["#1 Praktijktafel met de wethouder Werk en Inkomen heeft nu 8 plekken."]);
    expect(replies(await handleText(sanne, "evenement plekken 1"))).toEqual(["Gebruik: evenement plekken 3 10 (het nummer van het evenement, dan het aantal plekken)."]);
    expect(replies(await handleText(sanne, "evenement plekken 1 0"))[0]).toContain("Een evenement heeft minstens 1 plek");
    expect(replies(await handleText(sanne, "evenement plekken -1 4"))[0]).toContain("Een evenementnummer is een heel getal vanaf 1");
  });

  it("refuses members, also through a forged confirmation button, and changes nothing", async () => {
    const { db, actor } = await setup();
    const joost = chatContext(chatFor(depsFor(db)), await actor("bakeryHr"), "SLACK");
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1, network: { slug: "99vandemo" } } });
    const before = await snapshotCounts(db);
    for (const [action, value] of [
      ["event.cancel.confirm", { eventId: event.id }],
      ["event.capacity.confirm", { eventId: event.id, capacity: 1 }],
      ["event.attendee.remove.confirm", { eventId: event.id, personId: joost.actor.personId }],
    ] as const) {
      expect(replies(await handleAction(joost, action, JSON.stringify(value)))[0]).toContain("alleen een netwerkcoördinator");
    }
    expect(replies(await handleAction(joost, "event.cancel.confirm", "{not json"))).toEqual([translator("nl")("chat.unknownAction")]);
    expect(await snapshotCounts(db)).toEqual(before);
  });
});
