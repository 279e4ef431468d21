import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Where the web surfaces are reachable and the key that signs chart image links. Created once by
 * the composition root and passed to whoever needs it: chat adds a dashboard button or a chart
 * image, the dashboard checks a chart link's signature.
 */
export interface WebLinks {
  /** Null when the web surfaces have no address people can open (no PUBLIC_URL outside demo mode). */
  baseUrl(): string | null;
  dashboardLinkUrl(token: string): string | null;
  /** A signed, expiring URL of a network's placements chart, for an image block in chat. */
  chartImageUrl(networkId: string, now: Date): string | null;
  verifyChartSignature(networkId: string, expires: number, signature: string, now: Date): boolean;
}

// Slack and Teams fetch a posted image within seconds and cache it; a day covers a client that
// renders the message later, while a leaked link stops working soon.
export const IMAGE_LINK_LIFETIME_MS = 24 * 3_600_000;

/**
 * `baseUrl` is asked each time: in demo mode the address is the listening server's, known only
 * once it listens. The key comes from `secret` (ADMIN_TOKEN) when set, so several instances
 * behind one PUBLIC_URL accept each other's links; otherwise a random key per process (links
 * die with a restart).
 */
export function createWebLinks(baseUrl: () => string | undefined, secret?: string): WebLinks {
  const signingKey = secret ? createHmac("sha256", "netwerkbot-image-links").update(secret).digest() : randomBytes(32);
  const base = () => baseUrl()?.replace(/\/+$/, "") ?? null;
  return {
    baseUrl: base,
    dashboardLinkUrl(token) {
      const url = base();
      return url ? `${url}/dashboard/login?token=${encodeURIComponent(token)}` : null;
    },
    chartImageUrl(networkId, now) {
      const url = base();
      if (!url) return null;
      const expires = now.getTime() + IMAGE_LINK_LIFETIME_MS;
      return `${url}/charts/placements.png?network=${encodeURIComponent(networkId)}&expires=${expires}&signature=${sign(signingKey, networkId, expires)}`;
    },
    verifyChartSignature(networkId, expires, signature, now) {
      if (!base() || expires <= now.getTime()) return false;
      const expected = Buffer.from(sign(signingKey, networkId, expires));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** No web address: chat says the dashboard is not available and shows no chart image. */
export const NO_WEB_LINKS: WebLinks = createWebLinks(() => undefined);

function sign(key: Buffer, networkId: string, expires: number): string {
  return createHmac("sha256", key).update(`chart:${networkId}:${expires}`).digest("base64url");
}
