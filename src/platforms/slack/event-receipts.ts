import { pruneEventReceipts, takeEventReceipt } from "../../core/platform-links/receipts.js";
import type { Db } from "../../db/database.js";

// Slack retries an event at once, after 1 and after 5 minutes; a day covers that with margin.
const KEEP_RECEIPTS_MS = 24 * 60 * 60 * 1000;

/**
 * True only for the first delivery of a Slack event (by event_id), across all instances:
 * a retry (`x-slack-retry-num`) of an event we already took is acknowledged and dropped.
 */
export async function isFirstDelivery(db: Db, eventId: string, now: Date): Promise<boolean> {
  const first = await takeEventReceipt(db, eventId, now);
  // Pruning is cheap and rare: about one delivery in a hundred clears expired receipts.
  if (first && Math.random() < 0.01) await pruneEventReceipts(db, new Date(now.getTime() - KEEP_RECEIPTS_MS));
  return first;
}
