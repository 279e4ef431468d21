import type { Db } from "../db/database.js";
import type { ReadCache } from "../db/read-cache.js";

/** What every use case may use: the database, its read cache and the clock (replaced in tests). */
export interface CoreDeps {
  db: Db;
  cache: ReadCache;
  now: () => Date;
}

export const systemClock = () => new Date();
