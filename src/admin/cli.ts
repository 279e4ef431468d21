// The admin commands (src/admin/main.ts runs them): set-up and upkeep for whoever hosts the bot. Talks to the
// configured database (DATABASE_URL, or the PGlite dir in DATA_DIR) directly, so a PGlite bot
// must be stopped first; the dashboard offers the same actions while it runs.
import { loadConfig } from "../config.js";
import { systemClock } from "../core/deps.js";
import { openDatabase } from "../db/database.js";
import { channelErasureHooks } from "../platforms/erasure.js";
import { AdminError, type AdminCommand, type AdminContext } from "./command.js";
import { adminCommands } from "./commands/index.js";

export async function runAdmin(argv: string[], commands: AdminCommand[] = adminCommands, out: (line: string) => void = console.log): Promise<number> {
  const args = argv.filter((arg) => arg !== "--");
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    out(helpText(commands));
    return 0;
  }
  const match = findCommand(commands, args);
  if (!match) throw new AdminError(`Onbekende opdracht "${args.slice(0, 2).join(" ")}". Zie npm run admin -- --help voor alle opdrachten.`, 64);
  const { command, rest } = match;
  if (rest.includes("--help") || rest.includes("-h")) {
    out(`npm run admin -- ${command.name} ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  const needsDatabase = typeof command.needsDatabase === "function" ? command.needsDatabase(rest) : command.needsDatabase !== false;
  if (!needsDatabase) {
    await command.run({ out } as AdminContext, rest);
    return 0;
  }
  const config = loadConfig();
  const db = await openDatabase(config.database, { onConnectionError: () => {} });
  try {
    await command.run({ config, db, deps: { db: db.prisma, cache: db.cache, now: systemClock, erasure: channelErasureHooks() }, out }, rest);
  } finally {
    await db.close();
  }
  return 0;
}

/** The longest name that matches wins, so "network create" is not read as "network". */
function findCommand(commands: AdminCommand[], args: string[]): { command: AdminCommand; rest: string[] } | undefined {
  const byLength = [...commands].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const command of byLength) {
    const words = command.name.split(" ");
    if (words.every((word, i) => args[i] === word)) return { command, rest: args.slice(words.length) };
  }
  return undefined;
}

export function helpText(commands: AdminCommand[]): string {
  const lines = commands.map((c) => `  ${`${c.name} ${c.usage}`.trim()}\n      ${c.summary}`);
  return [
    "Beheer van Netwerkbot: npm run admin -- <opdracht> [opties]",
    "",
    "Opdrachten:",
    ...lines,
    "",
    "De opdrachten werken op de database uit DATABASE_URL of, zonder die, op de ingebouwde database in DATA_DIR",
    "(stop de bot dan eerst). Meer over één opdracht: npm run admin -- <opdracht> --help",
  ].join("\n");
}
