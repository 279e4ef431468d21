import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { quarterOf } from "../reporting/quarters.js";
import { CAMPAIGN_HOUR } from "./calendar.js";
import { enqueueCampaign } from "./enqueue-campaign.js";
import { contactsWithoutReport } from "./recipients.js";
import { findPeriod } from "../reporting/periods.js";

// Longer than two months outlasts the quarter's campaign: that is opting out, not snoozing.
export const MAX_SNOOZE_DAYS = 60;

const weekdays: Record<string, number> = {
  zondag: 0, sunday: 0, maandag: 1, monday: 1, dinsdag: 2, tuesday: 2, woensdag: 3, wednesday: 3,
  donderdag: 4, thursday: 4, vrijdag: 5, friday: 5, zaterdag: 6, saturday: 6,
};

export const snoozeInput = z.string().trim().toLowerCase().min(1).max(40);
export const quietHoursInput = z.object({ start: z.coerce.number().int().min(0).max(23), end: z.coerce.number().int().min(0).max(23) });

/** "maandag", "morgen", "tot 1-12-2026" (or 2026-12-01) → 09:00 local on that day (always in the future). */
export function snoozeUntil(text: string, now: Date, timeZone: string): Date | null {
  const local = new TZDate(now.getTime(), timeZone);
  const at = (y: number, m: number, d: number) => new Date(new TZDate(y, m, d, CAMPAIGN_HOUR, 0, timeZone).getTime());
  const day = text.trim().toLowerCase().replace(/^(tot|until)\s+/, "");
  if (day === "morgen" || day === "tomorrow") return at(local.getFullYear(), local.getMonth(), local.getDate() + 1);
  if (day in weekdays) {
    const ahead = (weekdays[day]! - local.getDay() + 7) % 7 || 7;
    return at(local.getFullYear(), local.getMonth(), local.getDate() + ahead);
  }
  const date = calendarDay(day);
  if (!date) return null;
  const until = at(date.year, date.month - 1, date.day);
  return until > now ? until : null;
}

/** 1-12-2026 the Dutch way, or 2026-12-01; null for a day that does not exist (31-2-2026). */
function calendarDay(text: string): { year: number; month: number; day: number } | null {
  const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = dutch ? [dutch[3], dutch[2], dutch[1]].map(Number) : iso ? [iso[1], iso[2], iso[3]].map(Number) : [];
  if (!year || !month || !day) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
}

/**
 * "herinner me maandag": no campaign messages until then, and then one reminder if the
 * employer still has not reported (its key names the day, so asking twice sends one).
 */
export async function snooze(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ until: Date; timeZone: string }>> {
  const parsed = snoozeInput.safeParse(raw);
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { id: true, name: true, timeZone: true } });
  const now = deps.now();
  const until = parsed.success ? snoozeUntil(parsed.data, now, network.timeZone) : null;
  if (!until || until.getTime() - now.getTime() > MAX_SNOOZE_DAYS * 86_400_000) return fail("invalid", "campaigns.snooze.usage");

  await deps.db.$transaction(async (tx) => {
    const person = await tx.person.update({
      where: { id: actor.personId },
      data: { snoozedUntil: until },
      select: { id: true, quietHoursStart: true, quietHoursEnd: true, snoozedUntil: true },
    });
    const ref = quarterOf(until, network.timeZone);
    const period = await findPeriod(tx, network.id, ref);
    if (!period || period.status === "CLOSED" || until >= period.closesAt) return;
    const stillDue = await contactsWithoutReport(tx, network.id, period.id);
    const me = stillDue.find((c) => c.id === actor.personId);
    if (!me) return;
    await enqueueCampaign(tx, network, ref, [
      {
        kind: "campaign.reminder",
        step: `snooze-${until.toISOString().slice(0, 10)}`,
        person,
        earliest: until,
        data: {
          networkName: network.name,
          label: `Q${ref.quarter} ${ref.year}`,
          employerId: me.employer?.id ?? null,
          employerName: me.employer?.name ?? "",
          year: ref.year,
          quarter: ref.quarter,
          closesAt: period.closesAt.toISOString(),
          timeZone: network.timeZone,
        },
      },
    ]);
  });
  return ok({ until, timeZone: network.timeZone });
}

/** "stille uren 18-08": campaign messages wait until the end of the quiet hours. */
export async function setQuietHours(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<{ start: number; end: number } | null>> {
  if (raw === null) {
    await deps.db.person.update({ where: { id: actor.personId }, data: { quietHoursStart: null, quietHoursEnd: null } });
    return ok(null);
  }
  const parsed = quietHoursInput.safeParse(raw);
  if (!parsed.success || parsed.data.start === parsed.data.end) return fail("invalid", "campaigns.quiet.usage");
  await deps.db.person.update({ where: { id: actor.personId }, data: { quietHoursStart: parsed.data.start, quietHoursEnd: parsed.data.end } });
  return ok(parsed.data);
}


