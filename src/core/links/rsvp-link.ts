import { z } from "zod";
import type { CoreDeps } from "../deps.js";
import { respondAsGuest } from "../events/guests.js";
import { eventSelect, type EventRow } from "../events/repository.js";
import { respondToEvent, type RsvpOutcome } from "../events/rsvp.js";
import { RSVP_RESPONSES, type RsvpResponseValue } from "../events/schema.js";
import { positionAt, waitlistPosition } from "../events/waitlist.js";
import { actorForPerson } from "../members/actor-lookup.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { formSend } from "./schema.js";
import { giveBackFormSend, takeFormSend, verifyLink, type VerifiedLink } from "./verify-link.js";

export interface RsvpLinkPage {
  link: VerifiedLink;
  event: EventRow;
  /** The answer given so far, if any. */
  current: { response: RsvpResponseValue; waitlisted: boolean; position: number | null } | null;
  guest: boolean;
}

/** What an RSVP link's page shows: the event and the answer given so far. */
export async function rsvpLinkPage(deps: CoreDeps, token: unknown): Promise<Result<RsvpLinkPage>> {
  const verified = await rsvpLink(deps, token);
  if (!verified.ok) return verified;
  const link = verified.value;
  const event = await deps.db.event.findUniqueOrThrow({ where: { id: link.eventId! }, select: eventSelect });
  return ok({ link, event, current: await currentAnswer(deps, link), guest: link.guestId !== null });
}

async function currentAnswer(deps: CoreDeps, link: VerifiedLink): Promise<RsvpLinkPage["current"]> {
  const eventId = link.eventId!;
  if (link.guestId) {
    const guest = await deps.db.eventGuest.findUnique({ where: { id: link.guestId }, select: { response: true, waitlisted: true, waitlistedAt: true } });
    if (!guest?.response) return null;
    return { response: guest.response, waitlisted: guest.waitlisted, position: guest.waitlisted && guest.waitlistedAt ? await positionAt(deps.db, eventId, guest.waitlistedAt) : null };
  }
  const rsvp = await deps.db.rsvp.findUnique({ where: { eventId_personId: { eventId, personId: link.personId! } }, select: { response: true, waitlisted: true } });
  if (!rsvp) return null;
  return { response: rsvp.response, waitlisted: rsvp.waitlisted, position: rsvp.waitlisted ? await waitlistPosition(deps.db, eventId, link.personId!) : null };
}

const rsvpFormInput = z.object({ send: formSend, response: z.enum(RSVP_RESPONSES, { errorMap: () => ({ message: "field.events.response" }) }) });

/**
 * An answer sent through an RSVP link: a member's goes through respondToEvent (audience, deadline,
 * capacity and waiting list as in chat), a guest's through respondAsGuest. A later answer changes
 * the earlier one; the same form sent twice is "links.alreadySent".
 */
export async function respondByLink(deps: CoreDeps, token: unknown, raw: unknown): Promise<Result<{ link: VerifiedLink; outcome: RsvpOutcome }>> {
  const verified = await rsvpLink(deps, token);
  if (!verified.ok) return verified;
  const link = verified.value;
  const form = rsvpFormInput.safeParse(raw);
  if (!form.success) return invalidInput(form.error);
  const { send, response } = form.data;
  const actor = link.personId ? await actorForPerson(deps.db, link.personId) : null;
  if (link.personId && !actor) return fail("notFound", "links.invalid");
  if (!(await takeFormSend(deps, link, send))) return fail("conflict", "links.alreadySent");

  const outcome = actor ? await respondToEvent(deps, actor, { eventId: link.eventId!, response }) : await respondAsGuest(deps, link.guestId!, response);
  if (!outcome.ok) {
    await giveBackFormSend(deps, link, send);
    return outcome;
  }
  return ok({ link: { ...link, submissions: send + 1 }, outcome: outcome.value });
}

async function rsvpLink(deps: CoreDeps, token: unknown): Promise<Result<VerifiedLink>> {
  const link = await verifyLink(deps, token);
  if (link.ok && link.value.purpose !== "RSVP") return fail("notFound", "links.invalid");
  return link;
}
