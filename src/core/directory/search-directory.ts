import type { DbClient } from "../../db/database.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { anyOf, networksInScope } from "../networks/scope.js";
import { invalidInput, ok, type Result } from "../result.js";
import { currentEmployer } from "../members/archive-scope.js";
import { findSubgroup } from "../subgroups/find-subgroup.js";
import { listedPerson, shownEmail } from "./listing.js";
import { directoryInput, MAX_PEOPLE_PER_EMPLOYER, PAGE_SIZE, type DirectoryQuery } from "./schema.js";

export interface DirectoryPerson {
  personId: string;
  name: string;
  function: string;
  jobTitle: string | null;
  email: string | null;
}

export interface DirectoryEmployer {
  employerId: string;
  name: string;
  branche: string;
  sizeBand: string;
  location: string;
  region: string;
  offers: string[];
  offerDescription: string | null;
  people: DirectoryPerson[];
}

export interface DirectoryPage {
  query: DirectoryQuery;
  /** The subgroup filter as resolved ("inkopen" → "Inclusief inkopen"). */
  subgroupName: string | null;
  employers: DirectoryEmployer[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * Employers of the actor's network (and, for coordinators, of every network below it) and their
 * people, by free text and filters. Employer
 * filters (branche, region, offers, size) narrow the employers; person filters (function,
 * subgroup) narrow who is listed and keep only employers with such a person. Erased people,
 * archived employers and networks out of scope never appear: these conditions are part of
 * every query, not a later filter.
 */
export async function searchDirectory(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<DirectoryPage>> {
  const parsed = directoryInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const query = parsed.data;

  let subgroup: { id: string; name: string } | null = null;
  if (query.subgroup) {
    const found = await findSubgroup(deps.db, actor.networkId, query.subgroup);
    if (!found.ok) return found;
    subgroup = found.value;
  }

  const networkIds = await networksInScope(deps, actor);
  const personWhere: Prisma.PersonWhereInput = {
    networkId: anyOf(networkIds),
    erasedAt: null,
    // Who chose not to be listed is not found either, not even by their own name.
    ...listedPerson,
    ...(query.function ? { function: query.function } : {}),
    ...(subgroup ? { memberships: { some: { subgroupId: subgroup.id } } } : {}),
  };
  const [offerIds, personIds, termIds] = await Promise.all([
    query.offers ? employersOffering(deps.db, networkIds, query.offers) : null,
    query.function || subgroup ? employersOfPeople(deps.db, personWhere) : null,
    query.term ? employersOfPeople(deps.db, personWhere, query.term) : [],
  ]);
  const where = employerWhere(networkIds, query, { personIds, offerIds, termIds });

  const [total, rows] = await Promise.all([
    deps.db.employer.count({ where }),
    deps.db.employer.findMany({
      where,
      select: {
        id: true,
        name: true,
        branche: true,
        sizeBand: true,
        location: true,
        region: true,
        offers: true,
        offerDescription: true,
        people: {
          where: personWhere,
          select: { id: true, name: true, function: true, jobTitle: true, email: true, directoryListing: true },
          orderBy: { name: "asc" },
          take: MAX_PEOPLE_PER_EMPLOYER,
        },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);

  return ok({
    query,
    subgroupName: subgroup?.name ?? null,
    employers: rows.map(({ id, people, ...employer }) => ({
      employerId: id,
      ...employer,
      people: people.map(({ id: personId, directoryListing, email, ...person }) => ({ personId, ...person, email: shownEmail({ directoryListing, email }) })),
    })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  });
}

/** Employer ids found by separate queries; null means "no such filter". */
interface Narrowing {
  personIds: string[] | null;
  offerIds: string[] | null;
  termIds: string[];
}

function employerWhere(networkIds: string[], query: DirectoryQuery, { personIds, offerIds, termIds }: Narrowing): Prisma.EmployerWhereInput {
  const and: Prisma.EmployerWhereInput[] = [{ networkId: anyOf(networkIds), ...currentEmployer }];
  if (query.branche) and.push({ branche: contains(query.branche) });
  if (query.region) and.push({ OR: [{ region: contains(query.region) }, { location: contains(query.region) }] });
  if (offerIds) and.push({ id: { in: offerIds } });
  if (query.sizeBand) and.push({ sizeBand: query.sizeBand });
  if (personIds) and.push({ id: { in: personIds } });
  if (query.term) {
    const term = contains(query.term);
    and.push({
      OR: [
        { name: term },
        { branche: term },
        { location: term },
        { region: term },
        { offerDescription: term },
        { id: { in: termIds } },
      ],
    });
  }
  return { AND: and };
}

/**
 * Employers with a person matching the person filters (and, if given, whose name or job title
 * matches the text). A separate query because Prisma's relation filter becomes an EXISTS per
 * employer row, which was 4× slower in the directory benchmark (an EXISTS inside an OR cannot
 * become a join); the id list is bounded by the network's employers.
 */
async function employersOfPeople(db: DbClient, personWhere: Prisma.PersonWhereInput, text?: string): Promise<string[]> {
  const term = text === undefined ? undefined : contains(text);
  const rows = await db.person.findMany({
    where: { ...personWhere, employerId: { not: null }, ...(term ? { OR: [{ name: term }, { jobTitle: term }] } : {}) },
    select: { employerId: true },
    distinct: ["employerId"],
  });
  return rows.flatMap((r) => (r.employerId ? [r.employerId] : []));
}

/**
 * Employers offering all of the given offers. Raw SQL because pglite-prisma-adapter 0.6 sends
 * Prisma's enum-array parameter of `has`/`hasEvery` as a plain string ("malformed array
 * literal"); comparing as text with one parameter per value works on PGlite and PostgreSQL.
 */
async function employersOffering(db: DbClient, networkIds: string[], offers: string[]): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM "Employer" WHERE "networkId" IN (${Prisma.join(networkIds)}) AND "offers"::text[] @> ARRAY[${Prisma.join(offers)}]::text[]`,
  );
  return rows.map((r) => r.id);
}

/** Case-insensitive substring match. Prisma passes % and _ through to ILIKE, so escape them. */
function contains(text: string) {
  return { contains: text.replace(/[\\%_]/g, "\\$&"), mode: "insensitive" as const };
}
