import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { dashboardActions, dashboardCommands } from "./dashboard.js";
import { reportingActions, reportingCommands, reportingForms } from "./reporting.js";

// Each domain contributes its commands, button actions and forms here.
export const commands: Command[] = [...reportingCommands, ...dashboardCommands];
export const actions: ActionHandler[] = [...reportingActions, ...dashboardActions];
export const forms: FormHandler[] = [...reportingForms];
