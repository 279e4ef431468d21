import { TeamsAdapter } from "@microsoft/teams-ai";
import type { Config } from "../../config.js";

/**
 * The botbuilder CloudAdapter (teams-ai's subclass) with Bot Framework authentication from env.
 * Without MICROSOFT_APP_ID it runs anonymously, which is what the Bot Framework Emulator and the
 * local tests expect; with an app id every inbound request needs a valid JWT.
 */
export function createTeamsAdapter(env: Config["env"]): TeamsAdapter {
  if (!env.MICROSOFT_APP_ID) return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: env.MICROSOFT_APP_ID,
    MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD ?? "",
    MicrosoftAppType: env.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID ?? "",
  });
}
