import type { DbClient } from "../../db/database.js";
import { notFound, ok, type Result } from "../result.js";

export interface PersonRef {
  id: string;
  name: string;
  networkId: string;
}

/**
 * A living (not erased) person of a network by e-mail address or id. Never looks outside the
 * network, so a coordinator cannot reach people of another network by guessing an address.
 */
export async function findPerson(db: DbClient, networkId: string, ref: string): Promise<Result<PersonRef>> {
  const trimmed = ref.trim();
  const where = trimmed.includes("@")
    ? { networkId, erasedAt: null, email: { equals: trimmed, mode: "insensitive" as const } }
    : { networkId, erasedAt: null, id: trimmed };
  const person = await db.person.findFirst({ where, select: { id: true, name: true, networkId: true } });
  return person ? ok(person) : notFound("members.personNotFound", { person: trimmed.slice(0, 254) });
}
