import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { Actor } from "../core/actor.js";
import { adminActor, sessionHolder } from "../core/dashboard/sign-in.js";
import type { CoreDeps } from "../core/deps.js";

export const SESSION_COOKIE = "netwerkbot_session";
export const NETWORK_COOKIE = "netwerkbot_network";

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * HttpOnly keeps scripts away from it; Lax still sends it after the redirect from a chat link.
 * Its lifetime goes as Max-Age, which the browser counts from its own clock: a server clock
 * that differs from the browser's cannot make it arrive already expired.
 */
export function setSessionCookie(res: Response, token: string, lifetimeMs: number, secure: boolean): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: Math.max(0, lifetimeMs) });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
  res.clearCookie(NETWORK_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

/** Remembers an admin's choice of network for the pages that follow. */
export function rememberNetwork(req: Request, res: Response, secure: boolean): void {
  if (typeof req.query.network !== "string") return;
  res.cookie(NETWORK_COOKIE, req.query.network.slice(0, 100), { httpOnly: true, sameSite: "lax", secure, path: "/" });
}

/**
 * Who is behind the request's session cookie: a person, or the admin (ADMIN_TOKEN) with the
 * coordinator view of the network they chose. The admin's actor is null while there is no
 * network to view (a new install) or the chosen one is gone; they can still set networks up.
 */
export async function viewerOf(deps: CoreDeps, req: Request): Promise<{ actor: Actor | null; admin: boolean } | null> {
  const token = readCookie(req, SESSION_COOKIE);
  // Tokens are 43 base64url characters; anything else is not worth a database round trip.
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const holder = await sessionHolder(deps, token);
  if (!holder) return null;
  if (holder.kind === "person") return { actor: holder.actor, admin: false };
  // Self-hosters with several networks choose one with ?network=<slug>; it is remembered.
  const slug = typeof req.query.network === "string" ? req.query.network.slice(0, 100) : readCookie(req, NETWORK_COOKIE);
  return { actor: await adminActor(deps, slug), admin: true };
}

/** Constant-time: comparing digests of equal length leaks neither content nor length. */
export function adminTokenMatches(given: unknown, configured: string | undefined): boolean {
  if (!configured || typeof given !== "string" || given.length === 0) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(configured));
}
