import { Prisma } from "../generated/prisma/client.js";

/**
 * A unique index refused a write. PostgreSQL through @prisma/adapter-pg arrives as P2002;
 * pglite-prisma-adapter 0.6 passes the server's error on unmapped (a DriverAdapterError whose
 * cause is {kind: "postgres", code: "23505"}), so both forms are recognised here.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === "P2002";
  const cause = (error as { name?: string; cause?: { kind?: string; code?: string } } | null)?.cause;
  return (error as { name?: string } | null)?.name === "DriverAdapterError" && cause?.kind === "postgres" && cause.code === "23505";
}
