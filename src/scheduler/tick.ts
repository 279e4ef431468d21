import { runDueCampaigns, type CampaignRun } from "../core/campaigns/run-due.js";
import { enqueueEventReminders } from "../core/events/index.js";
import { eraseExpiredGuests } from "../core/events/guests.js";
import { purgeDeadLinks } from "../core/links/index.js";
import { sendDueWelcomes } from "../core/members/welcome.js";
import type { Db } from "../db/database.js";

export const TICK_JOB = "netwerkbot-tick";
// Tick claims only prevent doubled ticks; a week of them is plenty to look back on.
const KEEP_TICKS_MS = 7 * 86_400_000;

export interface TickOptions {
  instanceId: string;
  /** How long before an event its reminder goes out. */
  eventReminderLeadMs: number;
}

export interface TickResult {
  campaigns: CampaignRun[];
  eventReminders: number;
  /** Welcomes queued for new people linked since the last tick (by any path). */
  welcomes: number;
}

/**
 * Everything the schedule asks for at `now`: due campaign moments, and reminders for events
 * starting within the lead time. Safe to run on several instances at once and to repeat.
 */
export async function runSchedulerTick(db: Db, now: Date, options: TickOptions): Promise<TickResult> {
  const campaigns = await runDueCampaigns(db, now, options.instanceId);
  const events = await db.event.findMany({
    where: { status: "SCHEDULED", startsAt: { gt: now, lte: new Date(now.getTime() + options.eventReminderLeadMs) } },
    select: { id: true },
  });
  let eventReminders = 0;
  // Event reminders are idempotent per event revision (see core/events/notices.ts).
  for (const event of events) eventReminders += await enqueueEventReminders(db, event.id, now);
  if (now.getUTCMinutes() === 0) {
    await db.scheduledRun.deleteMany({ where: { job: TICK_JOB, fireAt: { lt: new Date(now.getTime() - KEEP_TICKS_MS) } } });
    // Retention: external guests a month after their event, dead personal links after 90 days.
    await eraseExpiredGuests(db, now);
    await purgeDeadLinks(db, now);
  }
  const welcomes = await sendDueWelcomes(db);
  return { campaigns, eventReminders, welcomes };
}
