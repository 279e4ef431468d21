import type { NetworkHealth } from "../../core/insights/network-health.js";
import { formatDate, formatNumber, formatPercent } from "../../i18n/format.js";
import { html, type Html } from "../../shared/html.js";
import type { HealthChart } from "../health-charts.js";
import { manageNav } from "./employers.js";
import { dashboardPage, type PageContext } from "./layout.js";

export const HEALTH_PATH = "/dashboard/health";

/** Network health at a glance: each measure as an image and as a table with the same numbers. */
export function healthPage(ctx: PageContext, h: NetworkHealth, version: string): string {
  const { t, locale } = ctx;
  const n = (v: number) => formatNumber(locale, v);
  const chart = (name: HealthChart, alt: string) => html`<img class="chart" src="${HEALTH_PATH}/${name}.png?v=${version}" alt="${alt}" width="720" height="360">`;
  const body = html`<h1>${t("dashboard.health.title", { network: h.networkName })}</h1>${manageNav(t)}
<p>${t("dashboard.health.intro")}</p>
<section id="health-response"><h2>${t("dashboard.health.response.title")}</h2>${chart("response", t("dashboard.health.response.alt"))}
${table([t("dashboard.table.quarter"), t("dashboard.health.response.reported"), t("dashboard.health.response.employers"), t("reporting.status.responseRate")],
    h.responseRate.map((q) => [q.label, n(q.reported), n(q.employers), formatPercent(locale, q.rate)]))}</section>
<section id="health-attendance"><h2>${t("dashboard.health.attendance.title")}</h2>${chart("attendance", t("dashboard.health.attendance.alt"))}
${h.attendance.length === 0 ? html`<p>${t("dashboard.health.attendance.none")}</p>` : table([t("dashboard.actions.events.number"), t("dashboard.table.event"), t("dashboard.table.date"), t("dashboard.health.attendance.attending"), t("dashboard.table.capacity")],
    h.attendance.map((e) => [String(e.number), e.title, formatDate(locale, e.startsAt), n(e.attending), e.capacity === null ? "—" : n(e.capacity)]))}</section>
<section id="health-trend"><h2>${t("dashboard.health.trend.title")}</h2>${chart("trend", t("dashboard.health.trend.alt"))}
${table([t("dashboard.table.quarter"), t("dashboard.health.trend.events"), t("dashboard.health.attendance.attending"), t("dashboard.health.trend.average")],
    h.attendanceTrend.map((q) => [q.label, n(q.events), n(q.attending), formatNumber(locale, Math.round(q.average * 10) / 10)]))}</section>
<section id="health-activity"><h2>${t("dashboard.health.activity.title", { days: h.activeDays })}</h2>${chart("activity", t("dashboard.health.activity.alt"))}
<p>${t("dashboard.health.activity.explain", { days: h.activeDays })}</p>
${table([t("dashboard.health.activity.group"), t("dashboard.health.activity.active"), t("dashboard.health.activity.silent")],
    [[t("dashboard.health.activity.members"), n(h.members.active), n(h.members.silent)], [t("dashboard.health.activity.employers"), n(h.employers.active), n(h.employers.silent)]])}</section>
<section id="health-new"><h2>${t("dashboard.health.new.title")}</h2>${chart("new", t("dashboard.health.new.alt"))}
${table([t("dashboard.table.quarter"), t("dashboard.health.new.people"), t("dashboard.health.new.employers")],
    h.newMembers.map((q, i) => [q.label, n(q.count), n(h.newEmployers[i]?.count ?? 0)]))}</section>`;
  return dashboardPage(ctx, t("dashboard.health.title", { network: h.networkName }), body);
}

/** The first column names the row (a row header for screen readers). */
function table(headers: string[], rows: string[][]): Html {
  return html`<div class="table-scroll"><table><thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r[0]!}</th>${r.slice(1).map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}
