import type { Actor } from "../../src/core/actor.js";
import { readThrough } from "../../src/db/read-cache.js";
import { searchDirectory } from "../../src/core/directory/search-directory.js";
import { listSubgroups, showSubgroup } from "../../src/core/subgroups/list-subgroups.js";
import type { Database } from "../../src/db/database.js";
import { createTestDatabase } from "../support/databases.js";
import { timed } from "./stats.js";

// Directory and subgroup look-ups answer a chat command, which must be acknowledged within 3 s
// (Slack) and should feel instant. Target (ours): p99 < 100 ms for a network of 500 employers
// (all networks together) with 3 people each and 20 subgroups, next to a second network of the
// same size that must never show up.
const EMPLOYERS = 500;
const PEOPLE_PER_EMPLOYER = 3;
const SUBGROUPS = 20;
const RUNS = 100;
const TARGET_MS = 100;

export async function run(): Promise<void> {
  for (const kind of ["pglite", "postgres"] as const) {
    const handle = await createTestDatabase(kind);
    try {
      await measure(kind, handle.db);
    } finally {
      await handle.drop();
    }
  }
}


async function measure(kind: string, db: Database) {
  const member = await seedNetwork(db, "bench");
  await seedNetwork(db, "bench-other");
  const deps = { db: db.prisma, cache: readThrough, now: () => new Date("2026-11-25T10:00:00Z") };
  const expectOk = async <T>(promise: Promise<{ ok: boolean } & T>) => {
    const result = await promise;
    if (!result.ok) throw new Error(`benchmark query failed: ${JSON.stringify(result)}`);
    return result;
  };
  const scale = `${EMPLOYERS} employers × ${PEOPLE_PER_EMPLOYER} people`;
  await timed(`${kind}: zoek <term> (free text over employers and people), ${scale}`, TARGET_MS, RUNS, () => expectOk(searchDirectory(deps, member, { term: "werkgever 42" })));
  await timed(`${kind}: zoek biedt:werkplek,kennis functie:hr subgroep:… regio:…`, TARGET_MS, RUNS, () =>
    expectOk(searchDirectory(deps, member, { offers: "werkplek,kennis", function: "hr", subgroup: "kring 7", region: "regio 3" })),
  );
  await timed(`${kind}: zoek (no filter, last page)`, TARGET_MS, RUNS, () => expectOk(searchDirectory(deps, member, { page: EMPLOYERS / 10 })));
  await timed(`${kind}: subgroepen (${SUBGROUPS} with counts and contacts)`, TARGET_MS, RUNS, () => expectOk(listSubgroups(deps, member)));
  await timed(`${kind}: subgroep <forgiving name>`, TARGET_MS, RUNS, () => expectOk(showSubgroup(deps, member, { subgroup: "kring 13" })));
}

async function seedNetwork(db: Database, slug: string): Promise<Actor> {
  const p = db.prisma;
  const network = await p.network.create({ data: { slug, name: slug } });
  const offers = [["WERKPLEK"], ["WERKPLEK", "KENNIS"], ["TIJD"], ["KENNIS", "TIJD", "WERKPLEK"]] as const;
  await p.employer.createMany({
    data: Array.from({ length: EMPLOYERS }, (_, i) => ({
      networkId: network.id,
      name: `Werkgever ${i}`,
      branche: ["Zorg", "Logistiek", "ICT", "Industrie", "Overheid"][i % 5]!,
      sizeBand: (["MICRO", "SMALL", "MEDIUM", "LARGE", "VERY_LARGE"] as const)[i % 5]!,
      location: `Plaats ${i % 40}`,
      region: `Regio ${i % 10}`,
      offers: [...offers[i % offers.length]!],
    })),
  });
  const employers = await p.employer.findMany({ where: { networkId: network.id }, select: { id: true }, orderBy: { name: "asc" } });
  const functions = ["HR", "INKOOP", "DIRECTIE", "MVO"] as const;
  await p.person.createMany({
    data: employers.flatMap((e, i) =>
      Array.from({ length: PEOPLE_PER_EMPLOYER }, (_, j) => ({
        networkId: network.id,
        employerId: e.id,
        name: `Persoon ${i}-${j}`,
        email: `p${i}-${j}@${slug}.example`,
        function: functions[(i + j) % functions.length]!,
      })),
    ),
  });
  const people = await p.person.findMany({ where: { networkId: network.id }, select: { id: true }, orderBy: { email: "asc" } });
  await p.subgroup.createMany({
    data: Array.from({ length: SUBGROUPS }, (_, i) => ({ networkId: network.id, slug: `kring-${i}`, name: `Kring ${i}` })),
  });
  const subgroups = await p.subgroup.findMany({ where: { networkId: network.id }, select: { id: true } });
  await p.subgroupMembership.createMany({
    data: people.map((person, i) => ({ subgroupId: subgroups[i % SUBGROUPS]!.id, personId: person.id, isContact: i < SUBGROUPS })),
  });
  return {
    personId: people[0]!.id,
    networkId: network.id,
    employerId: employers[0]!.id,
    role: "MEMBER",
    locale: "nl",
    name: "Persoon 0-0",
  };
}
