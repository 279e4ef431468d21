import type { AdminCommand } from "../command.js";
import { exportMembersCommand } from "./export-members.js";
import { importCommand } from "./import.js";

// Each area adds its subcommands here (networks, bindings, import, backups, …).
export const adminCommands: AdminCommand[] = [importCommand, exportMembersCommand];
