import type { Config } from "../config.js";
import type { CoreDeps } from "../core/deps.js";
import type { Database } from "../db/database.js";

/** What a subcommand gets: the opened database, the core's deps, and where to write. */
export interface AdminContext {
  config: Config;
  db: Database;
  deps: CoreDeps;
  out: (line: string) => void;
}

/**
 * One `npm run admin -- <name> …` subcommand. `name` may have two words ("network create").
 * `run` throws AdminError for anything the person typing can fix; its message is shown as is.
 */
export interface AdminCommand {
  name: string;
  /** One line for `--help`, in Dutch. */
  summary: string;
  /** The arguments after the name, e.g. `--network <slug> "<Naam> <e-mail>"`. */
  usage: string;
  /** False for commands that need no database (templates, help texts); a function decides per call. */
  needsDatabase?: boolean | ((args: string[]) => boolean);
  run(ctx: AdminContext, args: string[]): Promise<void>;
}

/** A refusal the person can act on: printed without a stack trace, exit code 1. */
export class AdminError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
