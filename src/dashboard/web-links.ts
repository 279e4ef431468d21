import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Where the web surfaces are reachable and the key that signs chart image links. Set once by
 * the composition root; chat commands read it to add a dashboard button or a chart image.
 */
interface WebLinks {
  baseUrl: string;
  signingKey: Buffer;
}

let current: WebLinks | null = null;

// Slack and Teams fetch a posted image within seconds and cache it; a day covers a client that
// renders the message later, while a leaked link stops working soon.
export const IMAGE_LINK_LIFETIME_MS = 24 * 3_600_000;

/**
 * The key comes from ADMIN_TOKEN when set, so several instances behind one PUBLIC_URL accept
 * each other's links; otherwise a random key per process (links die with a restart).
 */
export function configureWebLinks(baseUrl: string | undefined, secret?: string): void {
  if (!baseUrl) {
    current = null;
    return;
  }
  const signingKey = secret ? createHmac("sha256", "netwerkbot-image-links").update(secret).digest() : randomBytes(32);
  current = { baseUrl: baseUrl.replace(/\/+$/, ""), signingKey };
}

export function webBaseUrl(): string | null {
  return current?.baseUrl ?? null;
}

export function dashboardLinkUrl(token: string): string | null {
  return current ? `${current.baseUrl}/dashboard/login?token=${encodeURIComponent(token)}` : null;
}

/** A signed, expiring URL of a network's placements chart, for an image block in chat. */
export function chartImageUrl(networkId: string, now: Date): string | null {
  if (!current) return null;
  const expires = now.getTime() + IMAGE_LINK_LIFETIME_MS;
  const signature = sign(current.signingKey, networkId, expires);
  return `${current.baseUrl}/charts/placements.png?network=${encodeURIComponent(networkId)}&expires=${expires}&signature=${signature}`;
}

export function verifyChartSignature(networkId: string, expires: number, signature: string, now: Date): boolean {
  if (!current || expires <= now.getTime()) return false;
  const expected = Buffer.from(sign(current.signingKey, networkId, expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sign(key: Buffer, networkId: string, expires: number): string {
  return createHmac("sha256", key).update(`chart:${networkId}:${expires}`).digest("base64url");
}
