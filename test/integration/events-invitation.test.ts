import ICAL from "ical.js";
import { expect, it } from "vitest";
import { cancelEvent, eventInvitation, inviteGuest, respondToEvent, updateEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

// A URI scheme is case-insensitive (RFC 3986): the ics library writes MAILTO for the organizer.
const address = (value: unknown) => String(value).replace(/^mailto:/i, "mailto:");

/** ical.js's parser throws on any malformed content line; it reads the file as a calendar app would. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  const attendees = event.getAllProperties("attendee");
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    status: event.getFirstPropertyValue("status"),
    organizer: address(event.getFirstPropertyValue("organizer")),
    attendees: attendees.map((a) => ({ address: address(a.getFirstValue()), partstat: a.getParameter("partstat"), rsvp: a.getParameter("rsvp") })),
  };
}

describeEachDatabase("events: iTIP invitations for e-mail (REQUEST, rising SEQUENCE, CANCEL)", (use) => {
  it("invites a member with METHOD:REQUEST, ORGANIZER and ATTENDEE; each change raises SEQUENCE on the same UID; cancelling sends METHOD:CANCEL", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const deps = depsFor(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    const event = await db.prisma.event.findFirstOrThrow({ where: { number: 1 } });

    const first = await eventInvitation(deps, { eventId: event.id, personId: joost.personId });
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value).toMatchObject({ method: "REQUEST", uid: `event-${event.id}@netwerkbot`, sequence: event.revision, contentType: "text/calendar; method=REQUEST; charset=UTF-8", email: "joost.hr@bakkerij-korenschoof.example" });
    const invited = parse(first.value.content);
    expect(invited).toMatchObject({ method: "REQUEST", uid: first.value.uid, sequence: event.revision, status: "CONFIRMED" });
    expect(invited.organizer).toBe("mailto:sanne.coordinator@example.nl");
    expect(invited.attendees).toEqual([{ address: "mailto:joost.hr@bakkerij-korenschoof.example", partstat: "NEEDS-ACTION", rsvp: "TRUE" }]);

    // His answer shows in the next invitation; the answer is no change of the event: same SEQUENCE.
    await respondToEvent(deps, joost, { number: 1, response: "ja" });
    const answered = await eventInvitation(deps, { eventId: event.id, personId: joost.personId });
    expect(answered.ok && parse(answered.value.content)).toMatchObject({ sequence: event.revision, attendees: [{ partstat: "ACCEPTED" }] });

    expect(await updateEvent(deps, sanne, { number: 1, location: "Stadhuis Enschede" })).toMatchObject({ ok: true });
    const moved = await eventInvitation(deps, { eventId: event.id, personId: joost.personId });
    if (!moved.ok) throw new Error("no invitation");
    expect(parse(moved.value.content)).toMatchObject({ method: "REQUEST", uid: first.value.uid, sequence: event.revision + 1 });

    expect(await cancelEvent(deps, sanne, { number: 1 })).toMatchObject({ ok: true });
    const cancelled = await eventInvitation(deps, { eventId: event.id, personId: joost.personId });
    if (!cancelled.ok) throw new Error("no invitation");
    expect(cancelled.value).toMatchObject({ method: "CANCEL", contentType: "text/calendar; method=CANCEL; charset=UTF-8", filename: "afzegging.ics" });
    const cancel = parse(cancelled.value.content);
    expect(cancel).toMatchObject({ method: "CANCEL", uid: first.value.uid, sequence: event.revision + 2, status: "CANCELLED" });
    expect(cancel.attendees).toHaveLength(1);
  });

  it("invites an external guest at their address, in their language; an erased member gets none", async () => {
    const db = use();
    const { actor } = await seedDemo(db);
    const deps = depsFor(db);
    const sanne = await actor("coordinator");
    const guest = await inviteGuest(deps, sanne, { number: 1, email: "wsp@werkgeversservicepunt.example", locale: "en" });
    if (!guest.ok) throw new Error("not invited");
    const invitation = await eventInvitation(deps, { eventId: guest.value.eventId, guestId: guest.value.guestId });
    if (!invitation.ok) throw new Error("no invitation");
    expect(invitation.value).toMatchObject({ email: "wsp@werkgeversservicepunt.example", locale: "en", method: "REQUEST" });
    expect(parse(invitation.value.content).attendees).toEqual([{ address: "mailto:wsp@werkgeversservicepunt.example", partstat: "NEEDS-ACTION", rsvp: "TRUE" }]);
    expect(await eventInvitation(deps, { eventId: guest.value.eventId, guestId: "nobody" })).toMatchObject({ ok: false, error: { key: "links.personGone" } });
    expect(await eventInvitation(deps, { eventId: guest.value.eventId })).toMatchObject({ ok: false, error: { reason: "invalid" } });
  });
});
