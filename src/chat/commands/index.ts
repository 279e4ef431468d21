import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { dashboardActions, dashboardCommands } from "./dashboard.js";
import { reportingActions, reportingCommands, reportingForms } from "./reporting.js";
import { subgroupActions, subgroupCommands, subgroupForms } from "./subgroups.js";
import { directoryActions, directoryCommands } from "./directory.js";
import { memberActions, memberCommands, memberForms } from "./members.js";

// Each domain contributes its commands, button actions and forms here.
export const commands: Command[] = [...reportingCommands, ...dashboardCommands, ...subgroupCommands, ...directoryCommands, ...memberCommands];
export const actions: ActionHandler[] = [...reportingActions, ...dashboardActions, ...subgroupActions, ...directoryActions, ...memberActions];
export const forms: FormHandler[] = [...reportingForms, ...subgroupForms, ...memberForms];
