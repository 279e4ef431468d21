import type { ChatPlatform } from "../platforms.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import type { Locale } from "../../i18n/index.js";
import { findPerson, type PersonRef } from "./find-person.js";
import { personInput } from "./schema.js";

export interface PlatformLink {
  identityId: string;
  platform: ChatPlatform;
  /** Slack workspace (team) id or Microsoft tenant id. */
  tenantId: string;
  linkedAt: Date;
}

export interface PersonDetails {
  personId: string;
  name: string;
  email: string | null;
  function: string;
  jobTitle: string | null;
  role: "MEMBER" | "COORDINATOR";
  reportingContact: boolean;
  /** null: the network's language. */
  locale: Locale | null;
  employer: { id: string; name: string; archivedAt: Date | null } | null;
  links: PlatformLink[];
  createdAt: Date;
}

/** The fields a coordinator sees of a person, in lists and in detail. */
export const personRowSelect = {
  id: true,
  name: true,
  email: true,
  function: true,
  jobTitle: true,
  role: true,
  reportingContact: true,
  employer: { select: { id: true, name: true, archivedAt: true } },
} as const;

/** Coordinators: one person of their network with their Slack and Teams links. */
export async function viewPerson(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonDetails>> {
  const person = await coordinatorsPerson(deps, actor, raw);
  if (!person.ok) return person;
  return ok(await personDetails(deps, person.value.id));
}

export async function personDetails(deps: Pick<CoreDeps, "db">, personId: string): Promise<PersonDetails> {
  const row = await deps.db.person.findUniqueOrThrow({
    where: { id: personId },
    select: {
      ...personRowSelect,
      locale: true,
      createdAt: true,
      identities: { select: { id: true, platform: true, tenantId: true, linkedAt: true }, orderBy: { linkedAt: "asc" } },
    },
  });
  const { id, identities, ...rest } = row;
  return { personId: id, ...rest, links: identities.map(({ id: identityId, ...link }) => ({ identityId, ...link })) };
}

/** The person a coordinator's request is about: refused for members before any lookup. */
export async function coordinatorsPerson(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<PersonRef>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = personInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  return findPerson(deps.db, actor.networkId, parsed.data.person);
}
