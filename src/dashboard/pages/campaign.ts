import type { ReminderPreview } from "../../core/campaigns/manage.js";
import { formatDateTime } from "../../i18n/format.js";
import { html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { notice } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const CAMPAIGN_PATH = "/dashboard/manage/campaign";

/** What `herinner` and `campagne pauzeer/hervat` do in chat: the state, who a round would reach, send now, pause or resume. */
export function campaignPage(ctx: PageContext, p: ReminderPreview, done: string | null): string {
  const { t, locale } = ctx;
  const title = t("campaigns.preview.title", { quarter: p.label });
  const body = html`<h1>${title}</h1>${manageNav(t)}${notice(done)}
<section id="state"><h2>${t("dashboard.actions.campaign.state")}</h2>
<p data-paused="${String(p.paused)}">${t(p.paused ? "dashboard.actions.campaign.paused" : "dashboard.actions.campaign.running", { network: p.networkName })}</p>
<form method="post" action="${CAMPAIGN_PATH}/${p.paused ? "resume" : "pause"}">${csrfField(ctx)}<button type="submit">${t(p.paused ? "dashboard.actions.campaign.resume" : "dashboard.actions.campaign.pause")}</button></form></section>
<section id="preview"><h2>${t("dashboard.actions.campaign.preview")}</h2>
<p id="reach">${p.people > 0 ? t("campaigns.preview.counts", { people: p.people, employers: p.employers }) : t("campaigns.preview.none")}</p>
${p.closesAt ? html`<p>${t("dashboard.actions.campaign.closes", { date: formatDateTime(locale, p.closesAt, p.timeZone) })}</p>` : ""}
${p.sample ? html`<p>${t("dashboard.actions.campaign.sample", { employer: p.sample.employerName })}</p>` : ""}
<form method="post" action="${CAMPAIGN_PATH}/send">${csrfField(ctx)}<button type="submit" class="primary">${t("campaigns.preview.trigger")}</button></form></section>`;
  return dashboardPage(ctx, title, body);
}
