import type { Db } from "../db/database.js";
import type { ReadCache } from "../db/read-cache.js";
import type { ErasureHooks } from "./members/erasure/hooks.js";

/** What every use case may use: the database, its read cache, the clock (replaced in tests) and the erasure hooks. */
export interface CoreDeps {
  db: Db;
  cache: ReadCache;
  now: () => Date;
  /**
   * The channels' clean-up on erasure, registered at start (src/platforms/erasure.ts). Only an
   * erasure needs it, and it refuses to run without: it would leave the channels' rows behind.
   */
  erasure?: ErasureHooks;
}

export const systemClock = () => new Date();
