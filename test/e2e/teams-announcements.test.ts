import { teamsAppPerTest } from "../support/test-app.js";
import { expect, it, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { fakeBotConnectorForFile } from "../support/fake-bot-connector.js";
import { cardAction, cardOf, cardText, installed, message, postActivity, teamsRoster, teamsUser, tenantId, type Where, channel, channelThread } from "../support/teams-activities.js";

const nl = translator("nl");
const places = (attending: number, waitlisted: number) => nl("events.places.capacity", { attending, capacity: 1, waitlisted });

/** Every node of a card of one kind ("Input." or "Action."), wherever it sits. */
function nodesOf(card: any, kind: string): any[] {
  if (!card || typeof card !== "object") return [];
  if (Array.isArray(card)) return card.flatMap((node) => nodesOf(node, kind));
  const own = typeof card.type === "string" && card.type.startsWith(kind) ? [card] : [];
  return [...own, ...Object.entries(card).flatMap(([key, value]) => (key === "fallback" ? [] : nodesOf(value, kind)))];
}

/** The values a form card opens with, as Teams would send them back untouched. */
const prefilled = (card: any): Record<string, unknown> => Object.fromEntries(nodesOf(card.body, "Input.").map((input) => [input.id, input.value]));

const connector = await fakeBotConnectorForFile({ members: teamsRoster() });

describeEachDatabase("Teams events: every copy of an announcement shows the current counts", (use) => {
  const app = teamsAppPerTest(use, () => connector);

  const post = (activity: unknown) => postActivity(app.url, activity);
  const coordinator = teamsUser("coordinator");

  /** The coordinator creates an event for one person through the form in the channel; returns its announcement. */
  async function announceInChannel(title: string) {
    await post(message(connector, coordinator, "event nieuw", channel));
    const form = cardOf(connector.sent().at(-1));
    const inputs = {
      in_kind: "PRAKTIJKTAFEL",
      in_title: title,
      in_location: "Enschede",
      in_startsAt_date: "2026-12-15",
      in_startsAt_time: "15:00",
      in_endsAt_date: "2026-12-15",
      in_endsAt_time: "17:00",
      in_capacity: "1",
      in_subgroupId: "network",
    };
    const submit = () => post(cardAction(connector, coordinator, { ...form.actions[0].data, ...inputs }, "form-card", channel));
    await submit();
    const posted = connector.sent().find((c) => c.method === "POST" && c.conversationId === channelThread && cardText(cardOf(c)).includes(title))!;
    const stored = await use().prisma.eventAnnouncement.findFirstOrThrow({ where: { event: { title } } });
    expect(stored).toMatchObject({ platform: "TEAMS", tenantId, channelId: channelThread });
    const yes = cardOf(posted)
      .body.flatMap((e: any) => e.actions ?? [])
      .find((a: any) => a.title === nl("events.button.yes"));
    return { eventId: stored.eventId, messageId: stored.platformMessageId, yes: yes.data as Record<string, unknown>, resubmit: submit };
  }

  /**
   * A copy of the announcement in another conversation the bot is in. No command announces an
   * existing event a second time yet, so the copy is stored as the bot stores a posted one.
   */
  async function copyIn(where: Where & { id: string }, eventId: string, messageId: string, tenant = tenantId) {
    await post(installed(connector, coordinator, where));
    await use().prisma.eventAnnouncement.create({ data: { eventId, platform: "TEAMS", tenantId: tenant, channelId: where.id, platformMessageId: messageId } });
  }

  const updatesOf = (conversationId: string, activityId: string) =>
    connector.sent().filter((c) => c.method === "PUT" && c.conversationId === conversationId && c.activityId === activityId);
  /** Other copies are written after the invoke is answered: waits for the first update of one. */
  const nextUpdateOf = (conversationId: string, activityId: string) =>
    vi.waitFor(() => {
      const [update] = updatesOf(conversationId, activityId);
      if (!update) throw new Error(`no update of ${activityId} in ${conversationId} yet`);
      return update;
    });

  it("creates and announces the event once when the form card is submitted twice", async () => {
    const announcement = await announceInChannel("Netwerkborrel");
    connector.calls.length = 0;

    const again = await announcement.resubmit();

    expect(again.status).toBe(200);
    expect(cardText(again.body.value)).toBe(nl("events.alreadyCreated", { number: 3, title: "Netwerkborrel" }));
    expect(await use().prisma.event.count({ where: { title: "Netwerkborrel" } })).toBe(1);
    expect(connector.sent().filter((c) => c.method === "POST" && cardText(cardOf(c)).includes("Netwerkborrel"))).toEqual([]);
    expect(await use().prisma.eventAnnouncement.count({ where: { eventId: announcement.eventId } })).toBe(1);
  });

  it("updates the copy in a group chat after a yes on the channel copy, and the channel copy after a yes in the group chat", async () => {
    const groupChat = { kind: "groupChat" as const, id: "19:coordinatoren@thread.v2" };
    const announcement = await announceInChannel("Praktijktafel met de wethouder");
    await copyIn(groupChat, announcement.eventId, "groupchat-copy-1");
    connector.calls.length = 0;

    const joost = await post(cardAction(connector, teamsUser("bakeryHr"), announcement.yes, announcement.messageId, channel));

    // The pressed copy is refreshed in place, as before.
    expect(joost.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(joost.body.value)).toContain(places(1, 0));
    expect(updatesOf(channelThread, announcement.messageId)).toHaveLength(1);
    // The group chat's copy shows the same card, with the new count (written after the answer).
    const groupUpdate = await nextUpdateOf(groupChat.id, "groupchat-copy-1");
    expect(cardText(cardOf(groupUpdate))).toContain(places(1, 0));
    expect(cardText(cardOf(groupUpdate))).toBe(cardText(joost.body.value));

    // The second yes, pressed in the group chat, goes on the waiting list: the channel copy shows it.
    connector.calls.length = 0;
    const mo = await post(cardAction(connector, teamsUser("logisticsHr"), announcement.yes, "groupchat-copy-1", groupChat));
    expect(cardText(mo.body.value)).toContain(places(1, 1));
    const channelUpdate = await nextUpdateOf(channelThread, announcement.messageId);
    expect(cardText(cardOf(channelUpdate))).toContain(places(1, 1));
    expect(await use().prisma.rsvp.count({ where: { eventId: announcement.eventId, response: "YES" } })).toBe(2);
  });

  it("skips and forgets a copy the connector refuses (404) or the bot was removed from, leaves other tenants alone, and still updates the rest and stores the RSVP", async () => {
    const deletedChat = { kind: "groupChat" as const, id: "19:verwijderd@thread.v2" };
    const otherChannel = { kind: "channel" as const, id: "19:twente@thread.tacv2;messageid=1700000000001" };
    const announcement = await announceInChannel("Masterclass inclusief werven");
    // Oldest first, so the failures come before the copy that works.
    await copyIn(deletedChat, announcement.eventId, "deleted-copy");
    await use().prisma.eventAnnouncement.create({
      data: { eventId: announcement.eventId, platform: "TEAMS", tenantId, channelId: "19:bot-verwijderd@thread.v2", platformMessageId: "orphan-copy" },
    });
    await copyIn(otherChannel, announcement.eventId, "twente-copy");
    // Stored for another tenant: not this RSVP's to write to.
    await copyIn({ kind: "groupChat", id: "19:andere-tenant@thread.v2" }, announcement.eventId, "foreign-copy", "tenant-elders");
    connector.failConversation(deletedChat.id, 404);
    connector.calls.length = 0;

    const response = await post(cardAction(connector, teamsUser("bakeryHr"), announcement.yes, announcement.messageId, channel));

    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.body.value)).toContain(places(1, 0));
    const twente = await nextUpdateOf(otherChannel.id, "twente-copy");
    await app.close(); // waits for the copies still being written, so nothing is missed below
    expect(connector.refused).toEqual([expect.objectContaining({ method: "PUT", conversationId: deletedChat.id, activityId: "deleted-copy", status: 404 })]);
    expect(cardText(cardOf(twente))).toContain(places(1, 0));
    expect(connector.sent().filter((c) => c.method === "PUT").map((c) => c.conversationId).sort()).toEqual([channelThread, otherChannel.id].sort());
    // The person still gets their private confirmation, and the RSVP is stored.
    const confirmation = nl("events.reply.yes", { title: "Masterclass inclusief werven" });
    expect(connector.sent().some((c) => c.method === "POST" && cardText(cardOf(c)) === confirmation)).toBe(true);
    expect(await use().prisma.rsvp.count({ where: { eventId: announcement.eventId, response: "YES" } })).toBe(1);
    // The deleted chat's copy and the one without a conversation are forgotten; the other tenant's stays.
    const stored = await use().prisma.eventAnnouncement.findMany({ where: { eventId: announcement.eventId } });
    expect(stored.map((a) => a.platformMessageId).sort()).toEqual([announcement.messageId, "foreign-copy", "twente-copy"].sort());
  });

  it("brings every copy in the tenant up to date after the coordinator changes the event, then shows it cancelled without buttons", async () => {
    const groupChat = { kind: "groupChat" as const, id: "19:coordinatoren@thread.v2" };
    const foreignChat = { kind: "groupChat" as const, id: "19:andere-tenant@thread.v2" };
    const announcement = await announceInChannel("Praktijktafel met de wethouder");
    await copyIn(groupChat, announcement.eventId, "groupchat-copy-1");
    await copyIn(foreignChat, announcement.eventId, "foreign-copy", "tenant-elders");
    const { number } = await use().prisma.event.findUniqueOrThrow({ where: { id: announcement.eventId } });
    const copies = [
      [channelThread, announcement.messageId],
      [groupChat.id, "groupchat-copy-1"],
    ] as const;

    // The change: another place, two hours later.
    await post(message(connector, coordinator, `event wijzig ${number}`, channel));
    const form = cardOf(connector.sent().at(-1));
    const changed = { ...prefilled(form), in_location: "Raadhuis Hengelo", in_startsAt_time: "17:00", in_endsAt_time: "19:00" };
    connector.calls.length = 0;
    const saved = await post(cardAction(connector, coordinator, { ...form.actions[0].data, ...changed }, "edit-form-card", channel));

    expect(cardText(saved.body.value)).toBe(nl("events.updated", { number, title: "Praktijktafel met de wethouder", revision: 2 }));
    for (const [conversationId, activityId] of copies) {
      const card = cardOf(await nextUpdateOf(conversationId, activityId));
      expect(cardText(card)).toContain("Raadhuis Hengelo");
      expect(cardText(card)).not.toContain("Enschede");
      expect(cardText(card)).toContain("17:00 – 19:00");
      expect(nodesOf(card, "Action.").map((a) => a.title)).toContain(nl("events.button.yes"));
    }

    connector.calls.length = 0;
    await post(message(connector, coordinator, `event annuleer ${number}`, channel));
    // Asked first, with how many are told; nothing changes until the coordinator confirms.
    const asked = cardOf(connector.sent().at(-1));
    expect(cardText(asked)).toContain(nl("events.cancel.confirmText", { count: 0 }));
    expect(await use().prisma.event.findUniqueOrThrow({ where: { id: announcement.eventId } })).toMatchObject({ status: "SCHEDULED" });
    const yes = nodesOf(asked, "Action.").find((a) => a.title === nl("events.cancel.button"));
    const confirmed = await post(cardAction(connector, coordinator, yes.data, "confirm-card", channel));
    expect(cardText(confirmed.body.value)).toContain(nl("events.cancelled", { number, title: "Praktijktafel met de wethouder", count: 0 }));

    for (const [conversationId, activityId] of copies) {
      const card = cardOf(await nextUpdateOf(conversationId, activityId));
      expect(cardText(card)).toContain(nl("events.cancelledTitle", { title: "Praktijktafel met de wethouder" }));
      expect(cardText(card)).toContain(nl("events.cancelledNote"));
      expect(nodesOf(card, "Action.")).toEqual([]);
    }
    await app.close(); // waits for the copies still being written, so nothing is missed below
    expect(connector.sent().some((c) => c.conversationId === foreignChat.id && c.method === "PUT")).toBe(false);
    expect(await use().prisma.event.findUniqueOrThrow({ where: { id: announcement.eventId } })).toMatchObject({ status: "CANCELLED", location: "Raadhuis Hengelo" });
  });
});
