import { afterAll, beforeAll, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database.js";

// The embedded database runs in our event loop: a burst of queries must still leave the loop
// turns for other work (Slack's 3-second acks arrive as HTTP requests in between), and the
// queries must take those turns without breaking transactions.
let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: "pglite", dataDir: undefined });
}, 60_000);
afterAll(() => db.close());

async function loopTurnsDuring(work: Promise<unknown>): Promise<number> {
  let done = false;
  let turns = 0;
  const turn = () => {
    turns++;
    if (!done) setImmediate(turn);
  };
  setImmediate(turn);
  await work;
  done = true;
  return turns;
}

it("gives the event loop a turn between the queries of a burst", async () => {
  const queries = 300;
  const burst = () => Promise.all(Array.from({ length: queries }, () => db.prisma.network.findMany({ where: { slug: { contains: "x" } }, select: { id: true } })));
  await burst(); // warm: compiled queries, loaded code

  // Handed straight from one query to the next, PGlite would leave the loop no turn at all.
  expect(await loopTurnsDuring(burst())).toBeGreaterThanOrEqual(queries - 1);
});

it("makes a query sent during a transaction wait for it, without seeing rows the transaction rolls back", async () => {
  let during: Promise<number> | undefined;
  await expect(
    db.prisma.$transaction(async (tx) => {
      await tx.network.create({ data: { slug: "teruggedraaid", name: "Teruggedraaid" } });
      during = db.prisma.network.count({ where: { slug: "teruggedraaid" } });
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("rolled back on purpose");
    }),
  ).rejects.toThrow("rolled back on purpose");

  expect(await during).toBe(0);
});
