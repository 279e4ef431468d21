import type { DbClient } from "../../db/database.js";

/** The names of the people who gave a figure; an erased person is no longer named. */
export async function personNames(db: DbClient, ids: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const people = await db.person.findMany({ where: { id: { in: wanted }, erasedAt: null }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}
