import type { CampaignSettings } from "../../core/campaigns/settings.js";
import { MAX_CLOSES_AFTER_DAYS, MAX_OPENS_DAY } from "../../core/campaigns/schema.js";
import { quarterLabel, quarterOf } from "../../core/reporting/quarters.js";
import { formatDate } from "../../i18n/format.js";
import { html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { field, formAlert, notice, type FormValues } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const SETTINGS_PATH = "/dashboard/manage/settings";
export const SETTINGS_FIELDS = ["reminders", "opensDay", "closesAfterDays"];

export interface SettingsFormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

export const settingsValues = (s: CampaignSettings): FormValues => ({
  reminders: s.reminderOffsetsDays.join(", "),
  opensDay: s.periodOpensDay,
  closesAfterDays: s.periodClosesAfterDays,
});

/** The network's reporting schedule (the same use case as `instellingen rapportage` in chat). */
export function settingsPage(ctx: PageContext, s: CampaignSettings, state: SettingsFormState, done: string | null, now: Date): string {
  const { t, locale } = ctx;
  const date = (d: Date) => formatDate(locale, d, s.timeZone);
  const title = t("dashboard.settings.title");
  const quarter = t("settings.quarter", {
    quarter: quarterLabel(quarterOf(now, s.timeZone)),
    opens: date(s.next.opensAt),
    count: s.next.reminders.length,
    reminders: s.next.reminders.map(date).join(", "),
    last: date(new Date(s.next.closesAt.getTime() - 60_000)),
  });
  const body = html`<h1>${title}</h1>${manageNav(t)}${notice(done)}
<ul id="settings-current"><li>${t("settings.opens", { days: s.periodOpensDay })}</li>
<li>${t("settings.reminders", { count: s.reminderOffsetsDays.length, days: s.reminderOffsetsDays.join(", ") })}</li>
<li>${t("settings.closes", { days: s.periodClosesAfterDays })}</li></ul>
<p id="settings-quarter">${quarter}</p>
<form method="post" action="${SETTINGS_PATH}" class="edit" novalidate>${csrfField(ctx)}${formAlert(state.general)}
${field({ id: "reminders", kind: "text", label: t("dashboard.settings.reminders"), maxLength: 60, hint: t("dashboard.settings.remindersHint") }, state.values, state.errors)}
${field({ id: "opensDay", kind: "number", label: t("dashboard.settings.opensDay"), required: true, min: 0, max: MAX_OPENS_DAY, hint: t("dashboard.settings.opensDayHint") }, state.values, state.errors)}
${field({ id: "closesAfterDays", kind: "number", label: t("dashboard.settings.closesAfterDays"), required: true, min: 0, max: MAX_CLOSES_AFTER_DAYS, hint: t("dashboard.settings.closesAfterDaysHint") }, state.values, state.errors)}
<button type="submit" class="primary">${t("dashboard.settings.save")}</button></form>`;
  return dashboardPage(ctx, title, body);
}
