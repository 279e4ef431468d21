import { otherAnnouncementCopies, type AnnouncementCopy } from "../core/events/index.js";
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
 * After an RSVP on one copy of an announcement, writes the current announcement to the event's
 * other copies on the same platform and tenant. Copies are written side by side and each may
 * fail on its own (deleted message, bot removed): the failures are returned for the adapter to
 * log, and never stop the other copies or the person's RSVP.
 */
export async function refreshOtherCopies(ctx: ChatContext, pressed: AnnouncementCopy, write: CopyWriter): Promise<CopyFailure[]> {
  const found = await otherAnnouncementCopies(ctx.deps.db, pressed);
  if (!found || found.others.length === 0) return [];
  const message = await announcementMessage(ctx, found.eventId);
  if (!message) return [];
  const results = await Promise.allSettled(found.others.map((copy) => write(copy, message)));
  return results.flatMap((result, i) => (result.status === "rejected" ? [{ copy: found.others[i]!, error: result.reason }] : []));
}
