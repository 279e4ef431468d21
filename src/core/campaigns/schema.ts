import { z } from "zod";

// The prompt goes out in the quarter it is about, leaving at least a month to report in it.
export const MAX_OPENS_DAY = 60;
// Up to six weeks into the next quarter for late reports: later, the quarter's figures are
// read at praktijktafels while still changing, and the next quarter's prompt is long out.
export const MAX_CLOSES_AFTER_DAYS = 45;
// More rounds than this reads as nagging; every round goes to every contact who has not reported.
export const MAX_REMINDERS = 6;
// The shortest quarter (Q1 of a common year) has 90 days: a reminder must fall before the close in every quarter.
export const SHORTEST_QUARTER_DAYS = 90;

/** When a network's quarterly period opens, reminds and closes. */
export interface CampaignSchedule {
  /** Days after the period opens, ascending. */
  reminderOffsetsDays: number[];
  /** Days after the quarter begins that the period opens. */
  periodOpensDay: number;
  /** Days after the quarter ends that the period closes. */
  periodClosesAfterDays: number;
}

export const DEFAULT_SCHEDULE: CampaignSchedule = { reminderOffsetsDays: [7, 14], periodOpensDay: 0, periodClosesAfterDays: 0 };

const NONE = new Set(["", "geen", "none", "uit", "off", "-"]);

const dayCount = (max: number, key: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ invalid_type_error: key, required_error: "field.required" }).int(key).min(0, key).max(max, key),
  );

/** "7,14", "7 14 30", "geen" (none) or a list of numbers. */
const reminderList = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value;
    const text = value.trim().toLowerCase();
    if (NONE.has(text)) return [];
    const parts = text.split(/[\s,;]+/);
    // A word among the numbers makes the whole list wrong, shown next to the one field.
    return parts.every((part) => /^\d+$/.test(part)) ? parts.map(Number) : value;
  },
  z
    .array(z.number().int(), { invalid_type_error: "field.campaigns.reminders" })
    .max(MAX_REMINDERS, "field.campaigns.remindersTooMany")
    // Checked on the list, not per element, so the message sits next to the one field.
    .refine((days) => days.every((d) => d >= 1 && d <= SHORTEST_QUARTER_DAYS + MAX_CLOSES_AFTER_DAYS), "field.campaigns.reminders"),
);

/** What a coordinator changes; fields left out keep their value. */
export const campaignSettingsInput = z.object({
  reminders: reminderList.optional(),
  opensDay: dayCount(MAX_OPENS_DAY, "field.campaigns.opensDay").optional(),
  closesAfterDays: dayCount(MAX_CLOSES_AFTER_DAYS, "field.campaigns.closesAfterDays").optional(),
});
export type CampaignSettingsInput = z.input<typeof campaignSettingsInput>;

/** The whole schedule after a change: rounds strictly ascending, all before the period closes. */
export const campaignSchedule = z
  .object({
    reminderOffsetsDays: z.array(z.number().int()),
    periodOpensDay: z.number().int(),
    periodClosesAfterDays: z.number().int(),
  })
  .superRefine((s, ctx) => {
    const days = s.reminderOffsetsDays;
    if (days.some((d, i) => i > 0 && d <= days[i - 1]!)) {
      ctx.addIssue({ code: "custom", path: ["reminders"], message: "field.campaigns.remindersOrder" });
      return;
    }
    const room = SHORTEST_QUARTER_DAYS + s.periodClosesAfterDays - s.periodOpensDay;
    const last = days.at(-1);
    if (last !== undefined && last >= room) {
      ctx.addIssue({ code: "custom", path: ["reminders"], message: "field.campaigns.remindersAfterClose", params: { messageParams: { max: room - 1 } } });
    }
  });
