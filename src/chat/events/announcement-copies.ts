import { announcementCopies, forgetAnnouncement, type AnnouncementCopy, type CopySelection } from "../../core/events/index.js";
import { announcementMessage } from "./views.js";
import type { ChatContext } from "../context.js";
import type { ChatMessage } from "../message.js";

/** Thrown by a CopyWriter when the platform says the copy is gone for good: it is forgotten, not tried again. */
export class AnnouncementCopyGone extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`announcement copy is gone (${reason}) and is forgotten`, options);
    this.name = "AnnouncementCopyGone";
  }
}

/** Replaces one stored copy with the given announcement, the platform's way. */
export type CopyWriter = (copy: AnnouncementCopy, message: ChatMessage) => Promise<void>;

/** Told about each copy that could not be written, or (no copy) about a failed lookup. */
export type CopyFailureReport = (error: unknown, copy?: AnnouncementCopy) => void;

/**
 * Writes the current announcement to the selected copies of an event: all of them after a
 * coordinator changed or cancelled it, the others after an RSVP on one. Copies are written side
 * by side and each may fail on its own (deleted message, bot removed). What the person did is
 * stored already, so nothing here throws: every failure goes to `report`, for the adapter to log.
 * A copy whose writer threw AnnouncementCopyGone is forgotten, so later refreshes skip it.
 */
export async function refreshCopies(ctx: ChatContext, which: CopySelection, write: CopyWriter, report: CopyFailureReport): Promise<void> {
  try {
    const found = await ctx.core.run(announcementCopies, which);
    if (!found || found.copies.length === 0) return;
    const message = await announcementMessage(ctx, found.eventId);
    if (!message) return;
    const results = await Promise.allSettled(found.copies.map((copy) => write(copy, message)));
    for (const [i, result] of results.entries()) {
      if (result.status === "fulfilled") continue;
      const copy = found.copies[i]!;
      report(result.reason, copy);
      if (result.reason instanceof AnnouncementCopyGone) await ctx.core.run(forgetAnnouncement, copy);
    }
  } catch (error) {
    report(error);
  }
}
