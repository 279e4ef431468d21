import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The far side of Bot Framework authentication for Teams tests: the OpenID configuration and
 * signing keys (JWKS) the Bot Framework publishes at login.botframework.com, served locally, and
 * the tokens the Bot Connector service would put on the requests it sends to a bot.
 * Point MICROSOFT_BOT_OPENID_METADATA at `metadataUrl`.
 */
export interface FakeOpenId {
  metadataUrl: string;
  /** How often the keys were fetched (botbuilder caches them per metadata URL). */
  keyFetches(): number;
  /** A channel token signed with the published key (RS256), or with `options.key` as a forger would. */
  token(claims: Record<string, unknown>, options?: { key?: KeyObject; kid?: string }): string;
  /** A key pair nobody published. */
  strangerKey(): KeyObject;
  close(): Promise<void>;
}

/** The issuer botbuilder expects on channel tokens in the public cloud. */
export const channelIssuer = "https://api.botframework.com";

export async function startFakeOpenId(): Promise<FakeOpenId> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "fake-channel-key";
  const jwk = publicKey.export({ format: "jwk" });
  let fetches = 0;

  const server: Server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/v1/.well-known/openidconfiguration") {
      return json({ issuer: channelIssuer, jwks_uri: `http://127.0.0.1:${port}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"] });
    }
    if (req.url === "/v1/.well-known/keys") {
      fetches++;
      // The real keys carry the channels they may sign for; botbuilder checks the activity's channel against them.
      return json({ keys: [{ kty: "RSA", use: "sig", kid, n: jwk.n, e: jwk.e, endorsements: ["msteams"] }] });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    metadataUrl: `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`,
    keyFetches: () => fetches,
    token: (claims, options = {}) => signJwt(claims, options.key ?? privateKey, options.kid ?? kid),
    strangerKey: () => generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function signJwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT", kid })}.${encode(claims)}`;
  return `${unsigned}.${sign("sha256", Buffer.from(unsigned), key).toString("base64url")}`;
}
