import { expect, it } from "vitest";
import { announcementMessage } from "../../src/chat/events/commands.js";
import { chatContext } from "../../src/chat/context.js";
import { handleAction, handleFormSubmit, handleText } from "../../src/chat/conversation.js";
import type { ChatEffect, ChatMessage } from "../../src/chat/message.js";
import { renderNotification } from "../../src/chat/notifications.js";
import { translator } from "../../src/i18n/index.js";
import { updateEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts, chatFor } from "../support/fixtures.js";
import { newEventInput } from "./events-helpers.js";
import { visibleText as visible } from "../support/chat-text.js";


const replies = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "reply" ? [visible(e.message)] : []));
const buttons = (message: ChatMessage) => message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
function only<T extends ChatEffect["type"]>(effects: ChatEffect[], type: T): Extract<ChatEffect, { type: T }> {
  const found = effects.filter((e) => e.type === type);
  expect(found, `exactly one ${type} effect in ${JSON.stringify(effects.map((e) => e.type))}`).toHaveLength(1);
  return found[0] as Extract<ChatEffect, { type: T }>;
}

/** Presses the danger button of a confirmation, as the coordinator would. */
async function confirm(ctx: Parameters<typeof handleAction>[0], effects: ChatEffect[]): Promise<ChatEffect[]> {
  const button = buttons(only(effects, "reply").message).find((b) => b.style === "danger");
  expect(button, "a confirmation button").toBeDefined();
  return handleAction(ctx, button!.action, button!.value);
}

describeEachDatabase("chat: events", (use) => {
  async function setup() {
    const db = use();
    const { actor } = await seedDemo(db);
    const ctx = async (key: Parameters<typeof actor>[0]) => chatContext(chatFor(depsFor(db)), await actor(key), "SLACK");
    const eventId = async (number: number) => (await db.prisma.event.findFirstOrThrow({ where: { number, network: { slug: "99vandemo" } } })).id;
    return { db, actor, ctx, eventId };
  }

  it("shows a member the agenda of their network and subgroups with RSVP buttons", async () => {
    const { ctx, eventId } = await setup();
    const effects = await handleText(await ctx("bakeryHr"), "events");
    const message = only(effects, "reply").message;
    const text = visible(message);
    expect(text).toContain("Agenda");
    expect(text).toContain("#1 Praktijktafel met de wethouder Werk en Inkomen");
    expect(text).toContain("0 van 12 plekken bezet, 0 op de wachtlijst");
    expect(text).not.toContain("Masterclass inclusief inkopen");
    const id = await eventId(1);
    expect(buttons(message).map((b) => [b.action, b.value])).toContainEqual(["event.rsvp", JSON.stringify({ eventId: id, response: "YES", view: "list" })]);
    expect(buttons(message).map((b) => b.label)).toEqual(["Ja, ik kom", "Misschien", "Nee", "Agenda (.ics)"]);

    const fleur = replies(await handleText(await ctx("careBuyer"), "evenementen"))[0];
    expect(fleur).toContain("#2 Masterclass inclusief inkopen");
    expect(fleur).toContain("Masterclass · Subgroep Inclusief inkopen");
    const english = replies(await handleText(await ctx("englishSpeaker"), "agenda"))[0];
    expect(english).toContain("0 of 12 places taken, 0 on the waiting list");
    expect(english).toContain("[Yes, I'll come]");
  });

  it("answers rsvp commands in Dutch and English, with the waiting-list place when full", async () => {
    const { db, ctx, actor, eventId } = await setup();
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    expect(replies(await handleText(await ctx("bakeryHr"), "rsvp 1 ja"))).toEqual(["Je staat op de lijst voor Praktijktafel met de wethouder Werk en Inkomen. Tot dan!"]);
    expect(replies(await handleText(await ctx("logisticsHr"), "rsvp 1 ja"))[0]).toContain("Je staat op plek 1 van de wachtlijst");
    expect(replies(await handleText(await ctx("englishSpeaker"), "rsvp 1 yes"))[0]).toContain("You are number 2 on the waiting list");
    const declined = await handleText(await ctx("bakeryHr"), "rsvp 1 nee");
    expect(replies(declined)).toEqual([
      "Genoteerd: je komt niet naar Praktijktafel met de wethouder Werk en Inkomen. Je plek is doorgegeven aan de eerste op de wachtlijst.",
    ]);
    // Typed, not pressed on a copy: the announcement's channel copies are refreshed.
    expect(only(declined, "refreshAnnouncements").eventId).toBe(await eventId(1));
    const list = replies(await handleText(await ctx("logisticsHr"), "events"))[0];
    expect(list).toContain("Jij komt.");
  });

  it("explains bad rsvp commands without changing anything", async () => {
    const { db, ctx } = await setup();
    const joost = await ctx("bakeryHr");
    const before = await snapshotCounts(db);
    expect(replies(await handleText(joost, "rsvp"))).toEqual(["Zo meld je je aan: rsvp 3 ja (of nee, misschien). Typ agenda voor de nummers."]);
    expect(replies(await handleText(joost, "rsvp 99 ja"))[0]).toContain("Evenement 99 ken ik niet");
    expect(replies(await handleText(joost, "rsvp 2 ja"))[0]).toContain("Evenement 2 ken ik niet");
    const bad = replies(await handleText(joost, "rsvp 1 graag"));
    expect(bad[0]).toContain("Antwoord met ja, nee of misschien.");
    expect(bad[1]).toContain("rsvp 3 ja");
    // An event number is answered about event numbers, not about counts (issue 14: ics -1).
    const aboutNumbers = "Een evenementnummer is een heel getal vanaf 1, zoals 3.";
    expect(replies(await handleText(joost, "rsvp drie ja"))[0]).toContain(aboutNumbers);
    expect(replies(await handleText(joost, `rsvp ${"9".repeat(40)} ja`))[0]).toContain(aboutNumbers);
    expect(replies(await handleText(joost, "ics -1"))[0]).toContain(aboutNumbers);
    expect(replies(await handleText(joost, "ics -1"))[0]).not.toContain("aantal");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("lets a coordinator create an event through the form: private confirmation and a public announcement", async () => {
    const { db, ctx } = await setup();
    const sanne = await ctx("coordinator");
    const form = only(await handleText(sanne, "event nieuw"), "openForm").form;
    expect(form.id).toBe("event");
    expect(form.context).toMatch(/^new:[0-9a-f-]{36}$/);
    expect(form.fields.map((f) => f.id)).toEqual(["kind", "title", "description", "guests", "location", "onlineUrl", "startsAt", "endsAt", "capacity", "rsvpDeadline", "subgroupId"]);
    const audience = form.fields.find((f) => f.id === "subgroupId");
    expect(audience?.kind === "select" && audience.options.map((o) => o.label)).toEqual(["Het hele netwerk", "HR-kenniskring", "Inclusief inkopen"]);

    const effects = await handleFormSubmit(sanne, "event", { ...newEventInput(), capacity: "12" }, "");
    expect(replies(effects)).toEqual(["Evenement #3 Praktijktafel met UWV is aangemaakt en aangekondigd."]);
    const post = only(effects, "post");
    const created = await db.prisma.event.findFirstOrThrow({ where: { number: 3 } });
    expect(post.announces).toEqual({ eventId: created.id });
    const text = visible(post.message);
    expect(text).toContain("Praktijktafel met UWV");
    expect(text).toContain("#3 · Praktijktafel");
    expect(text).toContain("Wanneer: dinsdag 15 december 2026 om 15:00 – 17:00");
    expect(text).toContain("Waar: Stadhuis Enschede");
    expect(text).toContain("Gasten: wethouder, UWV");
    expect(text).toContain("Voor: Het hele netwerk");
    expect(text).toContain("Plekken: 0 van 12 plekken bezet, 0 op de wachtlijst");
    expect(text).toContain("Aanmelden kan tot zaterdag 12 december 2026 om 12:00.");
    expect(buttons(post.message).map((b) => b.action)).toEqual(["event.rsvp", "event.rsvp", "event.rsvp", "event.ics"]);
    expect(JSON.parse(buttons(post.message)[1]!.value)).toEqual({ eventId: created.id, response: "MAYBE" });
  });

  it("creates and announces one event when the same form is submitted twice", async () => {
    const { db, ctx } = await setup();
    const sanne = await ctx("coordinator");
    const { form } = only(await handleText(sanne, "event nieuw"), "openForm");
    const before = await db.prisma.event.count();

    const first = await handleFormSubmit(sanne, "event", newEventInput(), form.context);
    const second = await handleFormSubmit(sanne, "event", newEventInput(), form.context);

    expect(only(first, "post").announces).toBeDefined();
    expect(second.map((e) => e.type)).toEqual(["reply"]);
    expect(replies(second)).toEqual(["Dit formulier had evenement #3 Praktijktafel met UWV al aangemaakt en aangekondigd; er is geen tweede bijgekomen."]);
    expect(await db.prisma.event.count()).toBe(before + 1);
    // A new form is a new event, even with the same content.
    const another = only(await handleText(sanne, "event nieuw"), "openForm").form;
    expect(another.context).not.toBe(form.context);
    expect(replies(await handleFormSubmit(sanne, "event", newEventInput(), another.context))).toEqual(["Evenement #4 Praktijktafel met UWV is aangemaakt en aangekondigd."]);
  });

  it("announces a subgroup's online event with its audience and link, in the network's language", async () => {
    const { db, ctx, eventId } = await setup();
    const id = await eventId(2);
    const dutch = await announcementMessage(await ctx("careBuyer"), id);
    expect(dutch && visible(dutch)).toContain("Voor: Subgroep Inclusief inkopen");
    expect(dutch && visible(dutch)).toContain("Waar: Online: https://meet.example.nl/masterclass-inkopen");
    expect(dutch && visible(dutch)).toContain("Plekken: 0 aanmeldingen (geen maximum)");
    // The announcement is public: it speaks the network's language, whoever asks for it.
    expect(visible((await announcementMessage(await ctx("englishSpeaker"), await eventId(1)))!)).toContain("Wanneer:");
    await db.prisma.network.updateMany({ data: { defaultLocale: "en" } });
    const english = await announcementMessage(await ctx("coordinator"), id);
    expect(english && visible(english)).toContain("For: Subgroup Inclusief inkopen");
    expect(english && visible(english)).toContain("Places: 0 people attending (no limit)");
    // Not visible to someone outside the subgroup: adapters get null and leave the copy alone.
    expect(await announcementMessage(await ctx("bakeryHr"), id)).toBeNull();
  });

  it("keeps the form open with field errors for bad input, changing nothing", async () => {
    const { db, ctx } = await setup();
    const sanne = await ctx("coordinator");
    const before = await snapshotCounts(db);
    const submit = async (overrides: Record<string, unknown>) => only(await handleFormSubmit(sanne, "event", newEventInput(overrides), undefined), "formErrors").errors;
    expect(await submit({ endsAt: "2026-12-15T14:00" })).toEqual({ endsAt: "Het einde moet na het begin liggen." });
    expect(await submit({ onlineUrl: "http://example.nl/meet" })).toEqual({ onlineUrl: "Vul een geldige link in (https://…)." });
    expect(await submit({ capacity: "-4", title: "" })).toEqual({ capacity: "Een aantal kan niet negatief zijn.", title: "Vul dit veld in." });
    expect(await submit({ startsAt: "15 december" })).toEqual({ startsAt: "Vul een geldige datum en tijd in." });
    expect(await submit({ capacity: "99999" })).toEqual({ capacity: "Dat getal is onwaarschijnlijk groot (maximaal 2.000)." });
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("refuses members managing events, in the chat and through a forged form submission", async () => {
    const { db, ctx } = await setup();
    const joost = await ctx("bakeryHr");
    const before = await snapshotCounts(db);
    expect(replies(await handleText(joost, "event nieuw"))).toEqual(['De opdracht "evenement" is alleen voor netwerkcoördinatoren.']);
    expect(replies(await handleText(joost, "deelnemers 1"))[0]).toContain("alleen voor netwerkcoördinatoren");
    const errors = only(await handleFormSubmit(joost, "event", newEventInput(), ""), "formErrors").errors;
    expect(Object.values(errors)[0]).toContain("alleen een netwerkcoördinator");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("prefills the change form and validates its context when it comes back", async () => {
    const { db, ctx, eventId } = await setup();
    const sanne = await ctx("coordinator");
    const id = await eventId(1);
    const form = only(await handleText(sanne, "event wijzig 1"), "openForm").form;
    expect(form.context).toBe(id);
    expect(form.title).toBe("Evenement #1 wijzigen");
    const initial = Object.fromEntries(form.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({ kind: "PRAKTIJKTAFEL", capacity: 12, location: "Zorggroep Dinkel, Oldenzaal", subgroupId: "network" });
    expect(initial.startsAt).toMatch(/^2026-12-\d{2}T\d{2}:00$/);

    const values = { ...initial, location: "Raadhuis Hengelo" };
    const before = await snapshotCounts(db);
    for (const bad of ["x".repeat(200), "unknown-event-id", "new:not-a-form-key", 42 as unknown as string]) {
      expect(only(await handleFormSubmit(sanne, "event", values, bad), "formErrors").errors).toEqual({
        title: "Dit formulier hoort bij een evenement dat ik niet (meer) ken. Open het opnieuw met evenement wijzig <nummer>.",
      });
    }
    expect(await snapshotCounts(db)).toEqual(before);

    const changed = await handleFormSubmit(sanne, "event", values, id);
    expect(replies(changed)).toEqual(["Evenement #1 Praktijktafel met de wethouder Werk en Inkomen is gewijzigd (versie 2)."]);
    // Every posted copy of the announcement is to show the new place.
    expect(only(changed, "refreshAnnouncements").eventId).toBe(id);
    expect((await db.prisma.event.findUniqueOrThrow({ where: { id } })).location).toBe("Raadhuis Hengelo");
    expect(replies(await handleText(sanne, "event wijzig 77"))[0]).toContain("Evenement 77 ken ik niet");
    expect(replies(await handleText(sanne, "event wijzig"))[0]).toContain("Noem het nummer van het evenement");
    expect(replies(await handleText(sanne, "event opblazen 1"))).toEqual(["Gebruik: evenement nieuw, evenement wijzig 3, evenement annuleer 3, evenement plekken 3 10, evenement 3 gast naam@organisatie.nl."]);
  });

  it("updates the announcement in place when an RSVP button is pressed, and answers privately", async () => {
    const { db, ctx, actor, eventId } = await setup();
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    const id = await eventId(1);
    const press = async (who: Parameters<typeof actor>[0], response: string, view?: string) =>
      handleAction(await ctx(who), "event.rsvp", JSON.stringify({ eventId: id, response, ...(view ? { view } : {}) }));

    const first = await press("bakeryHr", "YES");
    expect(visible(only(first, "update").message)).toContain("1 van 1 plek bezet, 0 op de wachtlijst");
    expect(replies(first)).toEqual(["Je staat op de lijst voor Praktijktafel met de wethouder Werk en Inkomen. Tot dan!"]);

    const second = await press("logisticsHr", "YES");
    expect(visible(only(second, "update").message)).toContain("1 van 1 plek bezet, 1 op de wachtlijst");
    expect(replies(second)[0]).toContain("Je staat op plek 1 van de wachtlijst");
    // The announcement is public: it never shows the presser's own answer.
    expect(visible(only(second, "update").message)).not.toContain("Jij");

    const fromList = await press("englishSpeaker", "MAYBE", "list");
    const listed = visible(only(fromList, "update").message);
    expect(listed).toContain("Agenda");
    expect(listed).toContain("You might come.");
    expect(replies(fromList)).toEqual(["Noted: you might come to Praktijktafel met de wethouder Werk en Inkomen."]);

    // An English speaker pressing the public announcement: the announcement stays Dutch, the reply is English.
    const english = await press("englishSpeaker", "YES");
    expect(visible(only(english, "update").message)).toContain("1 van 1 plek bezet, 2 op de wachtlijst");
    expect(replies(english)[0]).toContain("You are number 2 on the waiting list");
  });

  it("answers tampered or stale buttons without changing anything", async () => {
    const { db, ctx, eventId } = await setup();
    const joost = await ctx("bakeryHr");
    const before = await snapshotCounts(db);
    for (const value of ["not json", "{}", JSON.stringify({ eventId: await eventId(1), response: "PLEASE" }), JSON.stringify({ eventId: 5, response: "YES" }), "[]"]) {
      expect(replies(await handleAction(joost, "event.rsvp", value))).toEqual(["Deze knop werkt niet meer. Typ help om opnieuw te beginnen."]);
    }
    expect(replies(await handleAction(joost, "event.rsvp", JSON.stringify({ eventId: "gone", response: "YES" })))[0]).toContain("Dit evenement bestaat niet (meer) of is niet voor jou bedoeld.");
    expect(replies(await handleAction(joost, "event.rsvp", JSON.stringify({ eventId: await eventId(2), response: "YES" })))[0]).toContain("Dit evenement bestaat niet (meer) of is niet voor jou bedoeld.");
    expect(replies(await handleAction(joost, "event.ics", "{"))[0]).toContain("Deze knop werkt niet meer");
    expect(await snapshotCounts(db)).toEqual(before);
  });

  it("cancels an event from the chat after confirming and shows the announcement as cancelled without buttons", async () => {
    const { db, ctx, eventId } = await setup();
    const sanne = await ctx("coordinator");
    await handleText(await ctx("bakeryHr"), "rsvp 1 ja");
    const asked = await handleText(sanne, "event annuleer 1");
    expect(replies(asked)).toEqual([
      "Evenement #1 Praktijktafel met de wethouder Werk en Inkomen annuleren?\n1 deelnemer krijgt bericht (ja, misschien of op de wachtlijst). De aankondiging laat zien dat het niet doorgaat. Dit kan niet ongedaan worden gemaakt.\n[Ja, annuleer] [Nee, niets doen]",
    ]);
    expect(await db.prisma.event.count({ where: { status: "CANCELLED" } })).toBe(0);
    const cancelled = await confirm(sanne, asked);
    expect(cancelled.filter((e) => e.type === "update").map((e) => e.type === "update" && visible(e.message))).toEqual(["Evenement #1 Praktijktafel met de wethouder Werk en Inkomen is geannuleerd. 1 deelnemer krijgt bericht."]);
    expect(only(cancelled, "refreshAnnouncements").eventId).toBe(await eventId(1));
    const announcement = await announcementMessage(sanne, await eventId(1));
    expect(announcement && visible(announcement)).toContain("GEANNULEERD: Praktijktafel");
    expect(announcement && buttons(announcement)).toEqual([]);
    const again = await handleText(sanne, "event annuleer 1");
    expect(again.map((e) => e.type)).toEqual(["reply"]);
    expect(replies(again)).toEqual(["Praktijktafel met de wethouder Werk en Inkomen was al geannuleerd."]);
    expect(replies(await handleText(await ctx("bakeryHr"), "rsvp 1 nee"))[0]).toContain("is geannuleerd; aanmelden kan niet meer");
  });

  it("shows coordinators the attendee list with employers and the waiting list in order", async () => {
    const { db, ctx, actor } = await setup();
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    await handleText(await ctx("bakeryHr"), "rsvp 1 ja");
    await handleText(await ctx("englishSpeaker"), "rsvp 1 ja");
    await handleText(await ctx("logisticsHr"), "rsvp 1 ja");
    await handleText(await ctx("careBuyer"), "rsvp 1 nee");
    const text = replies(await handleText(await ctx("coordinator"), "deelnemers 1"))[0];
    expect(text).toContain("Komen (1)\n• Joost Bakker (Bakkerij De Korenschoof)");
    expect(text).toContain("Wachtlijst (2, op volgorde)\n1. Alex Morgan (Twente Tech Solutions)\n2. Mo Yilmaz (Hengelo Logistiek BV)");
    expect(text).toContain("Komen niet (1)\n• Fleur Jansen (Zorggroep Dinkel)");
    expect(text).toContain("Misschien (0)\n—");
  });

  it("lets coordinators take someone off the list by name", async () => {
    const { db, ctx, actor, eventId } = await setup();
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    await handleText(await ctx("bakeryHr"), "rsvp 1 ja");
    await handleText(await ctx("logisticsHr"), "rsvp 1 ja");
    const sanne = await ctx("coordinator");
    const before = await snapshotCounts(db);
    expect(replies(await handleText(sanne, "deelnemers 1 verwijder Niemand Bekend"))).toEqual(["Die persoon staat niet op de lijst of de wachtlijst van dit evenement."]);
    expect(await snapshotCounts(db)).toEqual(before);
    const asked = await handleText(sanne, "deelnemers 1 verwijder joost bakker");
    expect(replies(asked)).toEqual([
      "Joost Bakker van de lijst van #1 halen?\nJoost Bakker krijgt bericht dat de aanmelding voor Praktijktafel met de wethouder Werk en Inkomen is vervallen. De vrije plek gaat naar de eerste op de wachtlijst.\n[Ja, haal van de lijst] [Nee, niets doen]",
    ]);
    expect(await snapshotCounts(db)).toEqual(before);
    const removed = await confirm(sanne, asked);
    expect(removed.flatMap((e) => (e.type === "update" ? [visible(e.message)] : []))).toEqual([
      "Joost Bakker is van de lijst van #1 gehaald en krijgt daarvan bericht. De vrije plek is naar de eerste op de wachtlijst gegaan.",
    ]);
    // Joost is told through the outbox, in his language, and Mo gets the place.
    const told = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "event.removed" } });
    expect(told.personId).toBe((await actor("bakeryHr")).personId);
    expect(renderNotification("event.removed", "nl", told.payload as Record<string, unknown>).summary).toMatch(/^De coördinator heeft je van de lijst van Praktijktafel met de wethouder Werk en Inkomen \(.*\) gehaald; je aanmelding is vervallen\.$/);
    expect(await db.prisma.outboxMessage.count({ where: { kind: "event.promoted", personId: (await actor("logisticsHr")).personId } })).toBe(1);
    // The channel copies of the announcement are told the new counts.
    expect(only(removed, "refreshAnnouncements").eventId).toBe(await eventId(1));
    expect(replies(await handleText(sanne, "deelnemers 1"))[0]).toContain("Komen (1)\n• Mo Yilmaz (Hengelo Logistiek BV)");
  });

  it("hands out the .ics as a file from the command and the calendar button", async () => {
    const { ctx, eventId } = await setup();
    const joost = await ctx("bakeryHr");
    const file = only(await handleText(joost, "ics 1"), "file").file;
    expect(file).toMatchObject({ filename: "evenement-1.ics", mimeType: "text/calendar" });
    expect(String(file.content)).toContain("BEGIN:VEVENT");
    const viaButton = only(await handleAction(joost, "event.ics", JSON.stringify({ eventId: await eventId(1) })), "file").file;
    expect(String(viaButton.content)).toContain("SUMMARY:Praktijktafel met de wethouder Werk en Inkomen");
    expect(replies(await handleText(joost, "ics 2"))[0]).toContain("Evenement 2 ken ik niet");
  });

  it("renders the event notices in the recipient's language", async () => {
    const { db, ctx, actor } = await setup();
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    await handleText(await ctx("bakeryHr"), "rsvp 1 ja");
    await handleText(await ctx("englishSpeaker"), "rsvp 1 yes");
    await handleText(await ctx("bakeryHr"), "rsvp 1 nee");
    await confirm(await ctx("coordinator"), await handleText(await ctx("coordinator"), "event annuleer 1"));
    const promoted = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "event.promoted" } });
    const cancelled = await db.prisma.outboxMessage.findFirstOrThrow({ where: { kind: "event.cancelled" } });
    const data = (row: { payload: unknown }) => row.payload as Record<string, unknown>;
    expect(renderNotification("event.promoted", "en", data(promoted)).summary).toMatch(/^A place has opened up: you are now on the list for Praktijktafel met de wethouder Werk en Inkomen \(.*2026 at \d{2}:00\)\.$/);
    expect(renderNotification("event.promoted", "nl", data(promoted)).summary).toMatch(/^Er is een plek vrijgekomen: .*2026 om \d{2}:00\)\.$/);
    expect(renderNotification("event.cancelled", "nl", data(cancelled)).summary).toContain("is geannuleerd");
    expect(renderNotification("event.changed", "en", data(cancelled)).summary).toContain("New: ");
    expect(renderNotification("event.reminder", "nl", data(cancelled)).summary).toContain("Herinnering: Praktijktafel");
    expect(() => renderNotification("event.promoted", "nl", { title: "zonder datum" })).toThrow();
  });

  it("understands the English words for managing events and answers in English", async () => {
    const { ctx } = await setup();
    const sanne = await ctx("coordinator");
    const english = { ...sanne, locale: "en" as const, t: translator("en") };
    const form = only(await handleText(english, "event new"), "openForm").form;
    expect(form.title).toBe("New event");
    expect(form.fields.find((f) => f.id === "startsAt")?.hint).toBe("Date and time in Dutch time, for example 15-12-2026 15:00");
    expect(replies(await handleText(english, "attendees 1"))[0]).toContain("Attending (0)");
    const asked = await handleText(english, "event cancel 1");
    expect(replies(asked)[0]).toContain("Cancel event #1 Praktijktafel met de wethouder Werk en Inkomen?\nNobody has signed up; no message goes out.");
    const done = await confirm(english, asked);
    expect(done.flatMap((e) => (e.type === "update" ? [visible(e.message)] : []))).toEqual(["Event #1 Praktijktafel met de wethouder Werk en Inkomen has been cancelled. There is nobody to notify."]);
    expect(replies(await handleText(english, "event edit 1"))).toEqual(["Praktijktafel met de wethouder Werk en Inkomen has been cancelled and can no longer be changed."]);
  });

  it("lists the event commands in help, the managing ones only for coordinators", async () => {
    const { ctx } = await setup();
    const member = replies(await handleText(await ctx("bakeryHr"), "help"))[0];
    expect(member).toContain("rsvp 3 ja|nee|misschien");
    expect(member).not.toContain("evenement nieuw");
    const coordinator = replies(await handleText(await ctx("coordinator"), "help"))[0];
    expect(coordinator).toContain("evenement nieuw | wijzig 3 | annuleer 3");
    expect(coordinator).toContain("deelnemers 3");
  });
});

