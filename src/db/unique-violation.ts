import { Prisma } from "../generated/prisma/client.js";

/** A unique index refused a write (P2002 on both databases, see pglite-errors.ts). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
