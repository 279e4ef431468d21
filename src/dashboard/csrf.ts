import { createHash, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

// Two layers. Browsers mark every request with where it came from (Sec-Fetch-Site, and Origin
// on every POST), so a cross-site form post is refused before it reaches a route. Forms of a
// signed-in person also carry a token derived from their session, for browsers or proxies that
// strip those headers. The token needs no storage: only the holder of the HttpOnly session
// cookie can compute it, and it changes with every session.
export const CSRF_FIELD = "_csrf";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfTokenFor(sessionToken: string): string {
  return createHash("sha256").update(`csrf:${sessionToken}`).digest("base64url");
}

/** Refuses a state-changing request a browser says came from another site. */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || isSameOrigin(req)) return next();
  res.status(403).type("text").send("Dit formulier kwam van een andere website en is geweigerd. / This form came from another site and was refused.");
}

function isSameOrigin(req: Request): boolean {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  // Non-browser clients send neither header; a browser without Sec-Fetch-Site sends Origin.
  if (!origin) return true;
  try {
    return new URL(origin).host === req.get("host");
  } catch {
    return false;
  }
}

/** True when a form's token belongs to the session it was posted with. */
export function csrfTokenMatches(given: unknown, sessionToken: string): boolean {
  if (typeof given !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
