import { loadConfig } from "../../config.js";
import { DataDirInUseError } from "../../db/data-dir-lock.js";
import { BackupRefused, backupDatabase, restoreDatabase, type BackupTarget } from "../../db/backup.js";
import { AdminError, type AdminCommand } from "../command.js";

// The commands open the database themselves: the normal open applies migrations, which would make
// a database that is to receive a restore non-empty.
export const backupCommand: AdminCommand = {
  name: "backup",
  summary: "Maakt een back-up van de hele database in <bestand>: PGlite als eigen dump, PostgreSQL met pg_dump (custom-formaat).",
  usage: "<bestand>",
  needsDatabase: false,
  async run(ctx, args) {
    const file = fileArgument(args, "backup");
    await guarded(() => backupDatabase(target(), file));
    ctx.out(`Back-up geschreven naar ${file}.`);
  },
};

export const restoreCommand: AdminCommand = {
  name: "restore",
  summary: "Zet een back-up terug in een lege database (een lege of nieuwe DATA_DIR, of een lege PostgreSQL-database in DATABASE_URL).",
  usage: "<bestand>",
  needsDatabase: false,
  async run(ctx, args) {
    const file = fileArgument(args, "restore");
    await guarded(() => restoreDatabase(target(), file));
    ctx.out(`Back-up ${file} teruggezet. Start de bot: hij past nieuwere migraties zelf toe.`);
  },
};

function target(): BackupTarget {
  const { database } = loadConfig();
  return database.kind === "pglite" ? { kind: "pglite", dataDir: database.dataDir } : database;
}

function fileArgument(args: string[], name: string): string {
  const [file, ...rest] = args;
  if (!file || file.startsWith("-") || rest.length > 0) throw new AdminError(`Gebruik: npm run admin -- ${name} <bestand>`, 64);
  return file;
}

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof BackupRefused) throw new AdminError(error.message);
    if (error instanceof DataDirInUseError) throw error;
    const { stderr, code, path } = error as { stderr?: string; code?: unknown; path?: string };
    if (code === "ENOENT" && path) throw new AdminError(`${path} is niet gevonden: installeer de PostgreSQL-clientprogramma's (Debian: apt-get install postgresql-client), in dezelfde hoofdversie als de server.`);
    // pg_dump/pg_restore say what went wrong on stderr (wrong password, unknown database).
    if (typeof stderr === "string" && stderr.trim()) throw new AdminError(`Back-up mislukt: ${stderr.trim()}`);
    throw error;
  }
}
