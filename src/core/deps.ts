import type { Db } from "../db/database.js";

/** What every use case may use: the database and the clock (replaced in tests). */
export interface CoreDeps {
  db: Db;
  now: () => Date;
}

export const systemClock = () => new Date();
