import type { DbClient } from "../../db/database.js";

export interface EmailRecipient {
  personId: string;
  name: string;
  email: string;
  networkName: string;
  /** The network's coordinators with an address: a reply reaches people who can act on it. */
  coordinators: string[];
}

/** Who an e-mail to this person goes to, read at send time; null when erased or without an address. */
export async function emailRecipient(db: DbClient, personId: string): Promise<EmailRecipient | null> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: {
      name: true,
      email: true,
      erasedAt: true,
      network: { select: { name: true, people: { where: { role: "COORDINATOR", erasedAt: null, email: { not: null } }, select: { email: true }, orderBy: { createdAt: "asc" }, take: 5 } } },
    },
  });
  if (!person?.email || person.erasedAt) return null;
  return { personId, name: person.name, email: person.email, networkName: person.network.name, coordinators: person.network.people.map((p) => p.email!) };
}

/** An external guest of an event as an e-mail recipient; null once the guest is erased. */
export async function guestEmailRecipient(db: DbClient, guestId: string): Promise<EmailRecipient | null> {
  const guest = await db.eventGuest.findUnique({
    where: { id: guestId },
    select: {
      name: true,
      email: true,
      event: { select: { network: { select: { name: true, people: { where: { role: "COORDINATOR", erasedAt: null, email: { not: null } }, select: { email: true }, orderBy: { createdAt: "asc" }, take: 5 } } } } },
    },
  });
  if (!guest) return null;
  const network = guest.event.network;
  return { personId: "", name: guest.name ?? guest.email, email: guest.email, networkName: network.name, coordinators: network.people.map((p) => p.email!) };
}

/**
 * The mail server refused the address for good (a 5xx answer): kept on the person for the
 * coordinator (`herinner mislukt`, the person view) until a later delivery or a new address.
 */
export async function recordEmailRefused(db: DbClient, personId: string, reason: string, at: Date): Promise<void> {
  await db.person.updateMany({ where: { id: personId }, data: { emailFailingSince: at, emailFailure: reason.slice(0, 300) } });
}

/** A delivery went through: the address works again. Matches no row in the usual case, so it costs one indexed update. */
export async function recordEmailDelivered(db: DbClient, personId: string): Promise<void> {
  await db.person.updateMany({ where: { id: personId, emailFailingSince: { not: null } }, data: { emailFailingSince: null, emailFailure: null } });
}
