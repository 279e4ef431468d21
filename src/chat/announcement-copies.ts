import { announcementCopies, type AnnouncementCopy, type CopySelection } from "../core/events/index.js";
import { announcementMessage } from "./commands/events-view.js";
import type { ChatContext } from "./context.js";
import type { ChatMessage } from "./message.js";

/** Replaces one stored copy with the given announcement, the platform's way. */
export type CopyWriter = (copy: AnnouncementCopy, message: ChatMessage) => Promise<void>;

/** Told about each copy that could not be written, or (no copy) about a failed lookup. */
export type CopyFailureReport = (error: unknown, copy?: AnnouncementCopy) => void;

/**
 * Writes the current announcement to the selected copies of an event: all of them after a
 * coordinator changed or cancelled it, the others after an RSVP on one. Copies are written side
 * by side and each may fail on its own (deleted message, bot removed). What the person did is
 * stored already, so nothing here throws: every failure goes to `report`, for the adapter to log.
 */
export async function refreshCopies(ctx: ChatContext, which: CopySelection, write: CopyWriter, report: CopyFailureReport): Promise<void> {
  try {
    const found = await announcementCopies(ctx.deps.db, which);
    if (!found || found.copies.length === 0) return;
    const message = await announcementMessage(ctx, found.eventId);
    if (!message) return;
    const results = await Promise.allSettled(found.copies.map((copy) => write(copy, message)));
    results.forEach((result, i) => {
      if (result.status === "rejected") report(result.reason, found.copies[i]);
    });
  } catch (error) {
    report(error);
  }
}
