import type { RequestHandler } from "express";
import helmet from "helmet";

const YEAR_SECONDS = 365 * 24 * 3_600;

/**
 * Helmet's headers on every route, static files, health checks, metrics and chart images
 * included. The content security policy is the dashboard's (only our own scripts, styles and
 * images; no framing, no <base>, no plugins; forms post only to us); routes that need more
 * widen it for themselves. HSTS only when PUBLIC_URL is https: on plain http it would lock a
 * local setup out of its own address.
 */
export function securityHeaders(publicUrl: string | undefined): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    frameguard: { action: "deny" },
    strictTransportSecurity: publicUrl?.startsWith("https://") ? { maxAge: YEAR_SECONDS, includeSubDomains: true } : false,
  });
}

/** Chart images are shown inside Slack and Teams, which load them from another origin. */
export const SHOWN_ELSEWHERE = { "Cross-Origin-Resource-Policy": "cross-origin" } as const;
