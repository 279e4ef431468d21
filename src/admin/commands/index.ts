import type { AdminCommand } from "../command.js";

// Each area adds its subcommands here (networks, bindings, import, backups, …).
export const adminCommands: AdminCommand[] = [];
