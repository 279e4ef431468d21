import type { DbClient } from "../../db/database.js";
import { currentConditionText } from "../conditions/condition-text.js";
import { needsConfirmation } from "../conditions/schema.js";
import { enqueueNotifications, type Notification } from "../outbox/enqueue.js";

export const WELCOME_KIND = "members.welcome";
export const welcomeKey = (personId: string) => `welcome:${personId}`;

// One sweep's worth: a first import of a few hundred people links over days, not at once.
const SWEEP_LIMIT = 200;

const welcomeSelect = {
  id: true,
  name: true,
  reportingContact: true,
  directoryListing: true,
  networkId: true,
  network: { select: { name: true, membershipCondition: true } },
  employer: { select: { id: true, name: true, archivedAt: true } },
} as const;

type WelcomeRow = {
  id: string;
  name: string;
  reportingContact: boolean;
  directoryListing: string;
  networkId: string;
  network: { name: string; membershipCondition: string };
  employer: { id: string; name: string; archivedAt: Date | null } | null;
};

/**
 * Puts the welcome of new people (welcomePending) who now have a chat link into the outbox, and
 * clears their flag. A person put on file is welcomed once: the outbox key is per person, so a
 * second call, a second instance or a crash between the two steps sends nothing twice. Without a
 * link there is nowhere to send it yet; linking calls this again, and so does every scheduler
 * tick, for links made any other way. `personIds` narrows it to some people.
 */
export async function sendDueWelcomes(db: DbClient, personIds?: string[]): Promise<number> {
  const people = await db.person.findMany({
    where: { welcomePending: true, erasedAt: null, identities: { some: {} }, ...(personIds ? { id: { in: personIds } } : {}) },
    select: welcomeSelect,
    take: SWEEP_LIMIT,
  });
  let sent = 0;
  // One at a time, so the second new person of an employer in one sweep sees that the first was welcomed.
  for (const person of people) {
    const welcome: Notification = { kind: WELCOME_KIND, personId: person.id, idempotencyKey: welcomeKey(person.id), data: await welcomeData(db, person) };
    sent += await enqueueNotifications(db, [welcome]);
    await db.person.update({ where: { id: person.id }, data: { welcomePending: false } });
  }
  return sent;
}

/** What the welcome says is decided when it is queued: the employer's state at the person's first contact. */
async function welcomeData(db: DbClient, person: WelcomeRow) {
  const employer = person.employer && !person.employer.archivedAt ? person.employer : null;
  return {
    networkName: person.network.name,
    name: person.name,
    reportingContact: person.reportingContact,
    listing: person.directoryListing,
    employerId: employer?.id ?? null,
    employerName: employer?.name ?? null,
    profileForm: employer ? await isFirstContact(db, person.id, employer.id) : false,
    confirm: employer ? await openConfirmation(db, person.networkId, person.network.membershipCondition, employer.id) : null,
  };
}

/**
 * The first of a new employer's people to meet the bot fills in its profile: everyone else of
 * the employer is new too and still waiting for their welcome (people who were members before,
 * or who have been welcomed, have no pending welcome).
 */
async function isFirstContact(db: DbClient, personId: string, employerId: string): Promise<boolean> {
  const others = await db.person.count({ where: { employerId, id: { not: personId }, erasedAt: null, welcomePending: false } });
  return others === 0;
}

/** The condition text still to confirm for this employer, if the network asks for one. */
async function openConfirmation(db: DbClient, networkId: string, condition: string, employerId: string) {
  if (!needsConfirmation(condition)) return null;
  const text = await currentConditionText(db, networkId);
  if (!text) return null;
  const confirmed = await db.membershipConfirmation.count({ where: { employerId, textId: text.id } });
  return confirmed ? null : { condition, textId: text.id, version: text.version, text: text.text };
}
