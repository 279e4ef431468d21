import type { DbClient } from "../../db/database.js";
import type { Channel, Platform } from "../../generated/prisma/enums.js";

export interface Route {
  platform: Platform;
  /** Slack/Teams: `{ tenantId, userId }`; e-mail and unlinked: `{ personId }`, resolved at send time. */
  address: { tenantId: string; userId: string } | { personId: string };
}

export const unlinkedRoute = (personId: string): Route => ({ platform: "WEB", address: { personId } });

/**
 * Where each person's messages go: the channel they chose when it can reach them (e-mail needs an
 * address on file, Slack or Teams a link there), else their most recent chat link, else unlinked.
 * The e-mail address itself is read at send time, so a corrected address is used at once.
 */
export async function routesFor(db: DbClient, personIds: string[]): Promise<Map<string, Route>> {
  const people = await db.person.findMany({
    where: { id: { in: personIds } },
    select: {
      id: true,
      channel: true,
      email: true,
      identities: { select: { platform: true, tenantId: true, externalUserId: true }, orderBy: { linkedAt: "desc" } },
    },
  });
  return new Map(people.map((person) => [person.id, routeOf(person)]));
}

interface RoutedPerson {
  id: string;
  channel: Channel | null;
  email: string | null;
  identities: Array<{ platform: Platform; tenantId: string; externalUserId: string }>;
}

export function routeOf(person: RoutedPerson): Route {
  if (person.channel === "EMAIL" && person.email) return { platform: "EMAIL", address: { personId: person.id } };
  const chosen = person.channel === null ? undefined : person.identities.find((i) => i.platform === person.channel);
  const identity = chosen ?? person.identities[0];
  if (identity) return { platform: identity.platform, address: { tenantId: identity.tenantId, userId: identity.externalUserId } };
  return unlinkedRoute(person.id);
}
