import { announcementCopies, type AnnouncementCopy, type CopySelection } from "../core/events/index.js";
import { announcementMessage } from "./commands/events-view.js";
import type { ChatContext } from "./context.js";
import type { ChatMessage } from "./message.js";

/** Replaces one stored copy with the given announcement, the platform's way. */
export type CopyWriter = (copy: AnnouncementCopy, message: ChatMessage) => Promise<void>;

export interface CopyFailure {
  copy: AnnouncementCopy;
  error: unknown;
}

/**
 * Writes the current announcement to the selected copies of an event: all of them after a
 * coordinator changed or cancelled it, the others after an RSVP on one. Copies are written side
 * by side and each may fail on its own (deleted message, bot removed): the failures are returned
 * for the adapter to log, and never stop the other copies or what the person did.
 */
export async function refreshCopies(ctx: ChatContext, which: CopySelection, write: CopyWriter): Promise<CopyFailure[]> {
  const found = await announcementCopies(ctx.deps.db, which);
  if (!found || found.copies.length === 0) return [];
  const message = await announcementMessage(ctx, found.eventId);
  if (!message) return [];
  const results = await Promise.allSettled(found.copies.map((copy) => write(copy, message)));
  return results.flatMap((result, i) => (result.status === "rejected" ? [{ copy: found.copies[i]!, error: result.reason }] : []));
}
