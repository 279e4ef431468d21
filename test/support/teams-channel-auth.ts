import { createRequire } from "node:module";
import { channelIssuer, startFakeOpenId, type FakeOpenId } from "./fake-openid.js";

/**
 * Teams suites run the bot as it is deployed: with an app id, so every activity must carry a
 * channel token signed by the Bot Framework (here a local fake of its published keys), and the
 * bot's replies carry its Azure AD token. Anonymous /api/messages exists only in demo mode.
 */
export const teamsAppId = "00000000-0000-0000-0000-000000000001";
/** The tenant of the bot's registration: SingleTenant, the default (issue 16.4). */
export const teamsAppTenantId = "tenant-99vandemo";

/** Settings that make the app authenticate Teams requests against `openId`. */
export function teamsAppEnv(openId: FakeOpenId): Record<string, string> {
  return { MICROSOFT_APP_ID: teamsAppId, MICROSOFT_APP_PASSWORD: "geheim", MICROSOFT_APP_TENANT_ID: teamsAppTenantId, MICROSOFT_BOT_OPENID_METADATA: openId.metadataUrl };
}

/** What the Bot Connector service puts in its tokens to a bot, for an activity from `serviceUrl`. */
export function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: channelIssuer, aud: teamsAppId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3_600, ...overrides };
}

/**
 * The bot's replies need an Azure AD token for the app id. MSAL only talks to an https
 * authority after instance discovery at login.microsoftonline.com, so no local fake can answer
 * it; instead the token is put where botbuilder keeps the ones it fetched, as if AAD had
 * answered. The fake connector records the authorization header it gets.
 */
export const aadToken = "token-from-azure-ad";
export function standInForAzureAd(): void {
  const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve("botbuilder"));
  const { AppCredentials } = fromBotbuilder("botframework-connector") as { AppCredentials: unknown };
  const cache = (AppCredentials as { cache: Map<string, { accessToken: string; expiresOn: Date }> }).cache;
  cache.set(`${teamsAppId}https://api.botframework.com-cache`, { accessToken: aadToken, expiresOn: new Date(Date.now() + 3_600_000) });
}

// Apps started by teamsAppPerTest, by URL: postActivity signs what it sends them.
const signers = new Map<string, FakeOpenId>();

export function signActivitiesFor(appUrl: string, openId: FakeOpenId): () => void {
  signers.set(appUrl, openId);
  return () => void signers.delete(appUrl);
}

/** The Authorization header the Bot Connector would send with `activity` to the app at `appUrl`, if it authenticates. */
export function channelAuthorization(appUrl: string, activity: unknown): string | undefined {
  const openId = signers.get(appUrl);
  if (!openId) return undefined;
  const serviceUrl = (activity as { serviceUrl?: unknown } | null)?.serviceUrl;
  return `Bearer ${openId.token(channelClaims(typeof serviceUrl === "string" ? serviceUrl : ""))}`;
}

export { startFakeOpenId };
