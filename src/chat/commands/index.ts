import type { ActionHandler, Command, FormHandler } from "../registry.js";
import { reportingActions, reportingCommands, reportingForms } from "./reporting.js";

// Each domain contributes its commands, button actions and forms here.
export const commands: Command[] = [...reportingCommands];
export const actions: ActionHandler[] = [...reportingActions];
export const forms: FormHandler[] = [...reportingForms];
