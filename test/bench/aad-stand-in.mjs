// Preloaded (`node --import`) into the Teams processes of the production benchmark: the token the
// bot's replies carry, put where botbuilder keeps the ones Azure AD gave it, as
// test/support/teams-channel-auth.ts standInForAzureAd does in-process (MSAL cannot be faked locally).
import { createRequire } from "node:module";

const fromBotbuilder = createRequire(createRequire(import.meta.url).resolve("botbuilder"));
const { AppCredentials } = fromBotbuilder("botframework-connector");
AppCredentials.cache.set(`${process.env.MICROSOFT_APP_ID}https://api.botframework.com-cache`, {
  accessToken: "token-from-azure-ad",
  expiresOn: new Date(Date.now() + 3_600_000),
});
