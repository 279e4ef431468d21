import type { RequestHandler } from "express";
import { MAX_FILE_BYTES } from "../core/import/read-file.js";

const KB = 1024;

/**
 * The most each route reads, by path prefix: what its platform sends, with room to spare. The
 * parsers enforce the same figures for bodies sent without a Content-Length.
 */
export const BODY_LIMITS = {
  // Interactions carry the whole modal or message the bot sent (Slack refuses a view over 250 KB)
  // plus the typed values, as form-encoded JSON, where escaping can take up to 3× the size.
  slack: 1024 * KB,
  // Bot Framework activities: Teams caps a message at ~28 KB; card actions carry our own form.
  teams: 256 * KB,
  // The playground's bodies: 4,000 characters of text, or a form of up to 50 values of 3,000.
  playground: 64 * KB,
  // A member list uploaded on the dashboard. The upload route stops a file over MAX_FILE_BYTES
  // itself while it streams in, with a page saying so in Dutch; only bodies far beyond that are
  // refused here, without that page.
  memberImport: 4 * MAX_FILE_BYTES,
  // The dashboard's other forms: a sign-in token or the admin token, and little else.
  dashboard: 8 * KB,
  // No other route reads a body.
  other: 16 * KB,
} as const;

const byPath: Array<[string, number]> = [
  ["/slack/events", BODY_LIMITS.slack],
  ["/api/messages", BODY_LIMITS.teams],
  ["/playground", BODY_LIMITS.playground],
  // Most specific first.
  ["/dashboard/members/import", BODY_LIMITS.memberImport],
  ["/dashboard", BODY_LIMITS.dashboard],
];

export function bodyLimitFor(path: string): number {
  return byPath.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1] ?? BODY_LIMITS.other;
}

/**
 * Before any signature or token is checked, a body costs memory and time: 60 unsigned 4 MB bodies
 * once took 380 MB. A body larger than its route reads is refused as soon as Content-Length says
 * so, with 413 and the connection closed, before a byte of it is read. A body without a length
 * (chunked) is read by the route's parser up to the same limit; its connection is closed after
 * the answer, so a refused stream is not read on to its end.
 */
export function refuseOversizedBodies(): RequestHandler {
  return (req, res, next) => {
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      if (req.headers["transfer-encoding"] !== undefined) res.set("Connection", "close");
      return next();
    }
    if (Number(declared) <= bodyLimitFor(req.path)) return next();
    res.set("Connection", "close");
    res.status(413).type("text").send("Request body too large / Verzoek te groot");
  };
}
