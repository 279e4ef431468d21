import type { AdminCommand } from "../command.js";
import { backupCommand, restoreCommand } from "./backups.js";
import { bindingCommands } from "./bindings.js";
import { coordinatorCommands } from "./coordinators.js";
import { exportMembersCommand } from "./export-members.js";
import { importCommand } from "./import.js";
import { networkCommands } from "./networks.js";

// Each area adds its subcommands here (networks, bindings, import, backups, …).
export const adminCommands: AdminCommand[] = [...networkCommands, ...coordinatorCommands, ...bindingCommands, importCommand, exportMembersCommand, backupCommand, restoreCommand];
