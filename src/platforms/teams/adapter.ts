import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
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
  if (!env.MICROSOFT_APP_ID) return new NetwerkbotAdapter({});
  return new NetwerkbotAdapter({
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

const withoutRetries = new AsyncLocalStorage<true>();

/**
 * Runs `send` with connector clients that botbuilder's HTTP pipeline does not retry. The
 * pipeline retries a 429 or 503 up to three times and sleeps the full Retry-After before each,
 * inside the call: longer than an outbox lease can last. The outbox retries itself and pauses
 * the whole platform on Retry-After, so its sends want the failure at once. Replies in a turn
 * keep the SDK's retries.
 */
export function withoutConnectorRetries<T>(send: () => Promise<T>): Promise<T> {
  return withoutRetries.run(true, send);
}

class NetwerkbotAdapter extends TeamsAdapter {
  constructor(config: ConfigurationBotFrameworkAuthenticationOptions) {
    super(config);
    const auth = this.botFrameworkAuthentication;
    // botbuilder answers 401 only to its own AuthenticationError; a token whose signature does
    // not verify fails in jsonwebtoken and would be answered 500, as if the bot were broken.
    const authenticate = auth.authenticateRequest.bind(auth);
    auth.authenticateRequest = async (activity, authHeader) => {
      try {
        return await authenticate(activity, authHeader);
      } catch (error) {
        throw asUnauthorized(error);
      }
    };
    // Proactive sends (continueConversationAsync, createConversationAsync) take their connector
    // from here; a turn's replies use the one authenticateRequest builds.
    const connectorFactory = auth.createConnectorFactory.bind(auth);
    auth.createConnectorFactory = (claimsIdentity) => {
      const factory = connectorFactory(claimsIdentity);
      return {
        async create(serviceUrl, audience) {
          const client = await factory.create(serviceUrl, audience);
          if (withoutRetries.getStore()) dropRetryPolicy(client);
          return client;
        },
      };
    };
  }
}

// jsonwebtoken's rejections of a token: bad signature, malformed, not yet valid, expired.
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

// The AuthenticationError class CloudAdapter checks with instanceof: botbuilder's own copy of
// botframework-connector, which this package does not otherwise depend on.
const { AuthenticationError } = createRequire(createRequire(import.meta.url).resolve("botbuilder"))("botframework-connector") as {
  AuthenticationError: new (message: string, statusCode: number) => Error;
};

function asUnauthorized(error: unknown): unknown {
  if (!(error instanceof Error) || !TOKEN_ERRORS.has(error.name)) return error;
  return new AuthenticationError(`Unauthorized: ${error.message}`, 401);
}

// The pipeline is private to botbuilder's ServiceClientContext; its retry policy has the
// @azure/core-rest-pipeline name below. Fail loudly if an upgrade moves either.
function dropRetryPolicy(client: object): void {
  const pipeline = (client as { client?: { pipeline?: { removePolicy?(policy: { name: string }): unknown[] } } }).client?.pipeline;
  const removed = pipeline?.removePolicy?.({ name: "defaultRetryPolicy" });
  if (!removed?.length) throw new Error("Teams: botbuilder's connector pipeline has no defaultRetryPolicy to remove (botbuilder upgraded?)");
}
