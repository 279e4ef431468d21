import { DriverAdapterError, type SqlDriverAdapter, type SqlDriverAdapterFactory, type Transaction } from "@prisma/driver-adapter-utils";

type ServerError = { kind: "postgres"; code: string; message: string; detail?: string; column?: string };
type MappedError = ConstructorParameters<typeof DriverAdapterError>[0];

/**
 * pglite-prisma-adapter 0.6 hands every server error to Prisma as kind "postgres", which Prisma
 * turns into no error code at all: a unique violation on PGlite was not P2002, so every
 * "someone was faster" branch (P2002) worked on PostgreSQL and crashed on the embedded
 * database. This maps the SQLSTATEs Prisma has kinds for, the way @prisma/adapter-pg does.
 */
export function withPrismaErrorKinds(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return wrap(factory, { connect: async (adapter) => wrapAdapter(adapter as SqlDriverAdapter) });
}

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return wrap(adapter, {
    startTransaction: async (tx) => wrap(tx as Transaction, {}),
  });
}

const QUERY_METHODS = new Set<PropertyKey>(["queryRaw", "executeRaw", "executeScript"]);

/** Maps errors of the query methods; `results` wraps what the named methods resolve to. */
function wrap<T extends object>(target: T, results: Record<string, (value: unknown) => Promise<unknown>>): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      const then = typeof property === "string" ? results[property] : undefined;
      if (!then && !QUERY_METHODS.has(property)) return method.bind(object);
      return async (...args: unknown[]) => {
        try {
          const result = await method.apply(object, args);
          return then ? then(result) : result;
        } catch (error) {
          throw mapped(error);
        }
      };
    },
  });
}

function mapped(error: unknown): unknown {
  // By name: the adapter bundles its own copy of driver-adapter-utils, so instanceof fails.
  const cause = (error as { name?: unknown; cause?: ServerError } | null)?.cause;
  if ((error as { name?: unknown } | null)?.name !== "DriverAdapterError" || cause?.kind !== "postgres") return error;
  const kind = kindOf(cause);
  return kind ? new DriverAdapterError({ originalCode: cause.code, originalMessage: cause.message, ...kind } as MappedError) : error;
}

function kindOf(cause: ServerError): MappedError | undefined {
  const fields = cause.detail?.match(/Key \(([^)]+)\)/)?.at(1)?.split(", ");
  switch (cause.code) {
    case "23505":
      return { kind: "UniqueConstraintViolation", constraint: fields ? { fields } : undefined };
    case "23502":
      return { kind: "NullConstraintViolation", constraint: cause.column ? { fields: [cause.column] } : undefined };
    case "23503":
      return { kind: "ForeignKeyConstraintViolation", constraint: cause.column ? { fields: [cause.column] } : undefined };
    case "40001":
      return { kind: "TransactionWriteConflict" };
    case "22003":
      return { kind: "ValueOutOfRange", cause: cause.message };
    default:
      return undefined;
  }
}
