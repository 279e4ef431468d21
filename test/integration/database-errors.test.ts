import { expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client.js";
import { createSubgroup } from "../../src/core/subgroups/manage.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo } from "../support/fixtures.js";

// Code that handles "someone else was faster" looks for Prisma's P2002: both databases must
// report a unique violation that way, in and outside a transaction.
describeEachDatabase("database errors", (use) => {
  async function codeOf(work: () => Promise<unknown>): Promise<string | undefined> {
    const error = await work().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    return (error as Prisma.PrismaClientKnownRequestError).code;
  }

  it("reports a unique violation as P2002 with the fields, also inside a transaction", async () => {
    const db = use().prisma;
    await db.network.create({ data: { slug: "twente", name: "Twente" } });
    expect(await codeOf(() => db.network.create({ data: { slug: "twente", name: "Ander" } }))).toBe("P2002");
    expect(await codeOf(() => db.$transaction((tx) => tx.network.create({ data: { slug: "twente", name: "Ander" } })))).toBe("P2002");
    const error = await db.network.create({ data: { slug: "twente", name: "Ander" } }).then(() => undefined, (e: Prisma.PrismaClientKnownRequestError) => e);
    expect(JSON.stringify(error?.meta)).toContain("slug");
  });

  it("reports a missing parent row as P2003", async () => {
    const db = use().prisma;
    expect(await codeOf(() => db.employer.create({ data: { networkId: "no-such-network", name: "X", branche: "b", sizeBand: "SMALL", location: "l", region: "r" } }))).toBe("P2003");
  });

  it("answers two coordinators creating the same subgroup at once with one subgroup and one conflict", async () => {
    const { actor } = await seedDemo(use(), fixedNow);
    const coordinator = await actor("coordinator");
    const deps = depsFor(use(), fixedNow);
    // Both pass the name check before either inserts: the unique slug decides.
    const results = await Promise.all([1, 2].map(() => createSubgroup(deps, coordinator, { name: "Vervoer en mobiliteit" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toMatchObject([{ ok: false, error: { reason: "conflict" } }]);
    expect(await use().prisma.subgroup.count({ where: { name: "Vervoer en mobiliteit" } })).toBe(1);
  });
});
