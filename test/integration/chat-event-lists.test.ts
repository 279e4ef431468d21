import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { translator } from "../../src/i18n/index.js";
import { updateEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { chatFor, depsFor, fixedNow, seedDemo, snapshotCounts, type DemoPersonKey } from "../support/fixtures.js";
import { visibleText as visible } from "../support/chat-text.js";

const replies = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "reply" ? [visible(e.message)] : []));
const afterwards = new Date("2026-12-17T10:00:00Z"); // the day after event #1 (16-12-2026 15:00)

describeEachDatabase("chat: the waiting list by hand and attendance afterwards", (use) => {
  async function setup() {
    const db = use();
    const { actor } = await seedDemo(db);
    const ctx = async (key: DemoPersonKey, now = fixedNow) => chatContext(chatFor(depsFor(db, now)), await actor(key), "SLACK");
    const say = async (key: DemoPersonKey, text: string, now = fixedNow) => replies(await handleText(await ctx(key, now), text)).join("\n");
    await updateEvent(depsFor(db), await actor("coordinator"), { number: 1, capacity: 1 });
    for (const key of ["bakeryHr", "englishSpeaker", "logisticsHr", "careBuyer"] as const) await say(key, "rsvp 1 ja");
    return { db, actor, ctx, say };
  }

  it("moves someone up or down the waiting list and gives a place by hand, telling them", async () => {
    const { db, actor, say } = await setup();
    expect(await say("coordinator", "deelnemers 1")).toContain("Wachtlijst (3, op volgorde)\n1. Alex Morgan (Twente Tech Solutions)\n2. Mo Yilmaz (Hengelo Logistiek BV)\n3. Fleur Jansen (Zorggroep Dinkel)");
    expect(await say("coordinator", "deelnemers 1")).toContain("Wachtlijst aanpassen: deelnemers 1 omhoog <naam>, omlaag <naam> of plek <naam>.");

    expect(await say("coordinator", "deelnemers 1 omhoog mo")).toBe("Die naam past bij meer mensen op de lijst: Alex Morgan, Mo Yilmaz. Typ meer van de naam; er is niets veranderd.");
    expect(await say("coordinator", "deelnemers 1 omhoog yilmaz")).toBe("Mo Yilmaz staat nu op plek 1 van de wachtlijst van #1.");
    expect(await say("coordinator", "deelnemers 1")).toContain("1. Mo Yilmaz (Hengelo Logistiek BV)\n2. Alex Morgan (Twente Tech Solutions)\n3. Fleur Jansen");
    expect(await say("coordinator", "deelnemers 1 omlaag Alex")).toBe("Alex Morgan staat nu op plek 3 van de wachtlijst van #1.");
    expect(await say("coordinator", "deelnemers 1")).toContain("1. Mo Yilmaz (Hengelo Logistiek BV)\n2. Fleur Jansen (Zorggroep Dinkel)\n3. Alex Morgan");

    const before = await snapshotCounts(db);
    expect(await say("coordinator", "deelnemers 1 omhoog Mo Yilmaz")).toBe("Die persoon staat al als eerste op de wachtlijst.");
    expect(await say("coordinator", "deelnemers 1 omlaag Alex")).toBe("Die persoon staat al als laatste op de wachtlijst.");
    expect(await say("coordinator", "deelnemers 1 omhoog Joost")).toBe("Die persoon staat niet op de wachtlijst van dit evenement.");
    expect(await say("coordinator", "deelnemers 1 aanwezig Joost")).toBe("Praktijktafel met de wethouder Werk en Inkomen is nog niet begonnen; wie kwam, kun je daarna aangeven.");
    expect(await say("coordinator", "deelnemers 1 zwaai Joost")).toContain("Gebruik: deelnemers 3, of deelnemers 3 verwijder, omhoog");
    expect(await say("bakeryHr", "deelnemers 1 omhoog Yilmaz")).toContain("alleen voor netwerkcoördinatoren");
    expect(await snapshotCounts(db)).toEqual(before);

    expect(await say("coordinator", "deelnemers 1 plek Fleur")).toBe("Fleur Jansen heeft nu een plek bij #1 en krijgt daarvan bericht. Let op: er zijn nu 2 deelnemers bij 1 plek.");
    expect(await say("coordinator", "deelnemers 1")).toContain("Komen (2)\n• Joost Bakker (Bakkerij De Korenschoof)\n• Fleur Jansen (Zorggroep Dinkel)");
    expect(await db.prisma.outboxMessage.count({ where: { kind: "event.promoted", personId: (await actor("careBuyer")).personId } })).toBe(1);
    expect(await say("careBuyer", "agenda")).toContain(translator("nl")("events.mine.YES"));

    const english = await say("coordinator", "attendees 1 up Alex");
    expect(english).toBe("Alex Morgan staat nu op plek 1 van de wachtlijst van #1."); // the words work; the language is the person's
  });

  it("marks afterwards who came and who did not, and shows past events with attendance", async () => {
    const { db, say } = await setup();
    expect(await say("coordinator", "deelnemers 1 aanwezig joost", afterwards)).toBe("Joost Bakker is bij #1 gemarkeerd als gekomen.");
    expect(await say("coordinator", "deelnemers 1 afwezig Alex", afterwards)).toBe("Alex Morgan is bij #1 gemarkeerd als niet gekomen.");
    const list = await say("coordinator", "deelnemers 1", afterwards);
    expect(list).toContain("Komen (1)\n• Joost Bakker (Bakkerij De Korenschoof) — kwam");
    expect(list).toContain("1. Alex Morgan (Twente Tech Solutions) — kwam niet");
    expect(list).toContain("Geef aan wie kwam: deelnemers 1 aanwezig <naam> of afwezig <naam>.");
    const rsvp = await db.prisma.rsvp.findFirstOrThrow({ where: { person: { name: "Joost Bakker" }, event: { number: 1 } } });
    expect(rsvp).toMatchObject({ attended: true, attendanceMarkedAt: afterwards });
    expect(await db.prisma.auditLog.count({ where: { action: "event.attendance" } })).toBe(2);

    const past = await say("coordinator", "agenda voorbij", afterwards);
    expect(past).toContain("Voorbije evenementen\n#1 Praktijktafel met de wethouder Werk en Inkomen — 16-12-2026 15:00\n1 aangemeld: 1 kwam, 1 kwam niet, iedereen aangegeven");
    expect(await say("coordinator", "agenda voorbij")).toContain("Er zijn nog geen voorbije evenementen.");
    expect(await say("bakeryHr", "agenda voorbij", afterwards)).toContain("alleen een netwerkcoördinator");
    expect(await say("coordinator", "deelnemers 1 plek Yilmaz", afterwards)).toBe("Praktijktafel met de wethouder Werk en Inkomen is al begonnen; de wachtlijst is voorbij.");
  });
});
