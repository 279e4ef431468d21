import type { DbClient } from "../../db/database.js";
import { listedPerson, shownEmail, type Listing } from "../directory/listing.js";
import { ofCurrentEmployer } from "../members/archive-scope.js";

export interface ContactPerson {
  personId: string;
  name: string;
  employer: string | null;
  function: string;
  jobTitle: string | null;
  email: string | null;
}

export const contactSelect = {
  person: {
    select: {
      id: true,
      name: true,
      email: true,
      function: true,
      jobTitle: true,
      directoryListing: true,
      employer: { select: { name: true } },
    },
  },
} as const;

type ContactRow = {
  person: { id: string; name: string; email: string | null; function: string; jobTitle: string | null; directoryListing: Listing; employer: { name: string } | null };
};

export function toContact({ person }: ContactRow): ContactPerson {
  return {
    personId: person.id,
    name: person.name,
    employer: person.employer?.name ?? null,
    function: person.function,
    jobTitle: person.jobTitle,
    email: shownEmail(person),
  };
}

/** The contact persons of some subgroups, by subgroup id: erased people, people of archived employers and people who chose not to be listed excluded. */
export async function contactsOf(db: DbClient, subgroupIds: string[]): Promise<Map<string, ContactPerson[]>> {
  const rows = await db.subgroupMembership.findMany({
    where: { subgroupId: { in: subgroupIds }, isContact: true, person: { erasedAt: null, ...ofCurrentEmployer, ...listedPerson } },
    select: { subgroupId: true, ...contactSelect },
    orderBy: { person: { name: "asc" } },
  });
  const bySubgroup = new Map<string, ContactPerson[]>();
  for (const row of rows) {
    const list = bySubgroup.get(row.subgroupId) ?? [];
    list.push(toContact(row));
    bySubgroup.set(row.subgroupId, list);
  }
  return bySubgroup;
}
