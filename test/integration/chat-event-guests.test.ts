import { expect, it } from "vitest";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import type { ChatEffect } from "../../src/chat/message.js";
import { issueRsvpLinks, respondByLink } from "../../src/core/links/index.js";
import { visibleText as visible } from "../support/chat-text.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo, snapshotCounts, chatFor } from "../support/fixtures.js";

const replies = (effects: ChatEffect[]) => effects.flatMap((e) => (e.type === "reply" ? [visible(e.message)] : []));

describeEachDatabase("chat: a coordinator invites an external guest (event <nr> gast <e-mail>)", (use) => {
  it("invites once, refuses members and bad addresses without storing anything, and lists the guest marked as guest with their answer", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const deps = depsFor(db);
    const sanne = chatContext(chatFor(deps), await actor("coordinator"), "SLACK");
    const joost = chatContext(chatFor(deps), await actor("bakeryHr"), "SLACK");

    const before = await snapshotCounts(db);
    expect(replies(await handleText(joost, "event 1 gast wethouder@gemeente.example"))[0]).toContain("alleen voor netwerkcoördinatoren");
    const bad = replies(await handleText(sanne, "event 1 gast geen-adres"));
    expect(bad).toContain("Zo nodig je een gast uit die geen lid is: evenement 3 gast naam@organisatie.nl");
    expect(replies(await handleText(sanne, "event 77 gast a@b.example"))[0]).toContain("Evenement 77 ken ik niet");
    expect(await snapshotCounts(db)).toEqual(before);
    expect(await db.prisma.eventGuest.count()).toBe(0);

    const title = "Praktijktafel met de wethouder Werk en Inkomen";
    expect(replies(await handleText(sanne, "evenement 1 gast Wethouder@Gemeente.example"))).toEqual([
      `wethouder@gemeente.example is als gast uitgenodigd voor #1 ${title}. De gast meldt zich aan via de persoonlijke link in de uitnodiging.`,
    ]);
    expect(replies(await handleText(sanne, "event 1 guest wethouder@gemeente.example"))).toEqual([`wethouder@gemeente.example was al uitgenodigd voor #1 ${title}; er is niets veranderd.`]);
    expect(await db.prisma.eventGuest.count()).toBe(1);

    expect(replies(await handleText(sanne, "deelnemers 1"))[0]).toContain("Gasten, geen lid (1)\n• wethouder@gemeente.example: nog geen antwoord");
    const guest = await db.prisma.eventGuest.findFirstOrThrow();
    const links = await issueRsvpLinks(deps, { eventId: guest.eventId, guestId: guest.id });
    if (!links.ok) throw new Error("no links");
    expect(await respondByLink(deps, links.value.token, { send: 0, response: "YES" })).toMatchObject({ ok: true });
    const list = replies(await handleText(sanne, "deelnemers 1"))[0];
    expect(list).toContain("• wethouder@gemeente.example: ja");
    // The guest's seat is counted on the agenda like a member's.
    expect(replies(await handleText(sanne, "events"))[0]).toContain("1 van 12 plekken bezet");
  });
});
