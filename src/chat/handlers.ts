import type { ActionHandler, Command, FormHandler } from "./registry.js";
import { campaignActions, campaignCommands } from "./campaigns/commands.js";
import { dashboardActions, dashboardCommands } from "./dashboard/commands.js";
import { reportingActions, reportingCommands, reportingForms } from "./reporting/commands.js";
import { subgroupActions, subgroupCommands, subgroupForms } from "./subgroups/commands.js";
import { directoryActions, directoryCommands } from "./directory/commands.js";
import { memberActions, memberCommands, memberForms } from "./members/commands.js";
import { eventActions, eventCommands, eventForms } from "./events/commands.js";
import { memberListCommands } from "./import/member-list.js";
import { conditionActions, conditionCommands, conditionForms } from "./conditions/condition.js";
import { listingActions, listingCommands } from "./directory/listing.js";
import { joiningActions, joiningForms } from "./joining/decisions.js";

// Each domain contributes its commands, button actions and forms here.
export const commands: Command[] = [...reportingCommands, ...campaignCommands, ...dashboardCommands, ...subgroupCommands, ...directoryCommands, ...memberCommands, ...eventCommands, ...memberListCommands, ...conditionCommands, ...listingCommands];
export const actions: ActionHandler[] = [...reportingActions, ...campaignActions, ...dashboardActions, ...subgroupActions, ...directoryActions, ...memberActions, ...eventActions, ...conditionActions, ...listingActions, ...joiningActions];
export const forms: FormHandler[] = [...reportingForms, ...subgroupForms, ...memberForms, ...eventForms, ...conditionForms, ...joiningForms];
