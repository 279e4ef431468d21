import type { RequestHandler } from "express";
import type { RequestReceipts } from "../../db/request-receipts.js";
import type { Logger } from "../../logger.js";

/**
 * Slack signs `v0:{timestamp}:{body}` and we accept a timestamp within 5 minutes of our clock
 * (either side: Bolt checks only the past). Inside that window the same signed request could be
 * sent again by anyone who saw it, so each one is taken once.
 */
export const RECEIPT_WINDOW_MS = 5 * 60 * 1000;
// Instances' clocks differ a little; a receipt is kept this much longer than the window.
const CLOCK_MARGIN_MS = 60 * 1000;
// Pruning is one indexed DELETE; once a minute per instance keeps the table to ~10 minutes of traffic.
const PRUNE_EVERY_MS = 60 * 1000;

export type SignedRequestCheck = (signature: string, timestampSeconds: number, nowMs: number) => Promise<boolean>;

/**
 * For one instance: true only the first time a signed request (signature + timestamp) arrives,
 * across all instances sharing the database. `nowMs` is the clock the signature was checked against.
 */
export function signedRequestReceipts(receipts: RequestReceipts): SignedRequestCheck {
  let lastPrunedAt = Number.NEGATIVE_INFINITY;
  return async (signature, timestampSeconds, nowMs) => {
    const first = await receipts.take(signature, new Date(timestampSeconds * 1000), new Date(nowMs));
    if (nowMs - lastPrunedAt >= PRUNE_EVERY_MS) {
      lastPrunedAt = nowMs;
      // A request older than the window is refused by the signature check: its receipt is not needed.
      await receipts.pruneBefore(new Date(nowMs - RECEIPT_WINDOW_MS - CLOCK_MARGIN_MS));
    }
    return first;
  };
}

/**
 * Before Bolt reads the body: a timestamp further ahead than the window is refused as Bolt
 * refuses an old one (401), so a request signed for the future cannot be replayed for an hour.
 */
export function refuseFutureTimestamps(logger: Logger, now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const timestamp = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(timestamp) && timestamp * 1000 > now() + RECEIPT_WINDOW_MS) {
      logger.warn({ timestamp }, "Slack: verzoek met een tijdstempel in de toekomst geweigerd");
      res.status(401).send();
      return;
    }
    next();
  };
}

/** What Bolt's receiver hands each request's context (after it checked the signature). */
export function signedRequestProperties(req: { headers: Record<string, string | string[] | undefined> }): { slackSignature?: string; slackTimestamp?: number } {
  const signature = req.headers["x-slack-signature"];
  const timestamp = Number(req.headers["x-slack-request-timestamp"]);
  return typeof signature === "string" && Number.isInteger(timestamp) ? { slackSignature: signature, slackTimestamp: timestamp } : {};
}
