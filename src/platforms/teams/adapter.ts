import { TeamsAdapter } from "@microsoft/teams-ai";
import type { ConfigurationBotFrameworkAuthenticationOptions } from "botbuilder";
import type { Config } from "../../config.js";

/**
 * The botbuilder CloudAdapter (teams-ai's subclass) with Bot Framework authentication from env.
 * Without MICROSOFT_APP_ID it runs anonymously, which is what the Bot Framework Emulator and the
 * local tests expect; with an app id every inbound request needs a valid JWT. loadConfig has
 * already checked that the credentials fit MICROSOFT_APP_TYPE.
 */
export function createTeamsAdapter(env: Config["env"]): TeamsAdapter {
  if (!env.MICROSOFT_APP_ID) return new TeamsAdapter({});
  return new TeamsAdapter({
    MicrosoftAppId: env.MICROSOFT_APP_ID,
    MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD ?? "",
    MicrosoftAppType: env.MICROSOFT_APP_TYPE,
    MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID ?? "",
    ...(env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT && env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY
      ? { CertificateThumbprint: env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT, CertificatePrivateKey: env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY }
      : {}),
    ...(env.MICROSOFT_BOT_OPENID_METADATA ? publicCloudWithOpenIdMetadata(env.MICROSOFT_BOT_OPENID_METADATA) : {}),
  });
}

/**
 * botbuilder treats any one endpoint setting as "all endpoints are given" and leaves the rest
 * unset, so an OpenID metadata override comes with the public cloud's other values: the ones
 * botbuilder uses by default (AuthenticationConstants, CallerIdConstants.PublicAzureChannel).
 */
function publicCloudWithOpenIdMetadata(url: string): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromEmulatorOpenIdMetadataUrl: "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    CallerId: "urn:botframework:azure",
    ValidateAuthority: true,
  };
}
