import type { EmployerOverview, NetworkOverview } from "../../core/insights/overview.js";
import { quarterLabel } from "../../core/reporting/quarters.js";
import type { QuarterTotals } from "../../core/reporting/history.js";
import { formatDateTime, formatNumber, formatOneDecimal, formatPercent } from "../../i18n/format.js";
import type { Locale, Translate } from "../../i18n/index.js";
import { detailLines, progressText, realisedText, stateText, statusFields } from "../../shared/figures-text.js";
import { html, type Html } from "../../shared/html.js";
import { dashboardPage, type PageContext } from "./layout.js";

const quarterParam = (q: { year: number; quarter: number }) => `${q.year}-Q${q.quarter}`;

export function networkOverviewPage(ctx: PageContext, o: NetworkOverview): string {
  const { t, locale } = ctx;
  const s = o.status;
  const q = quarterParam(s.quarter);
  const missing = s.employers.filter((e) => !e.reported);
  const body = html`<h1>${o.networkName}</h1>
<nav class="manage" aria-label="${t("dashboard.manage.nav")}"><a href="/dashboard/manage/employers">${t("dashboard.manage.employers.title")}</a> · <a href="/dashboard/manage/people">${t("dashboard.manage.people.title")}</a>
· <a href="/dashboard/manage/events">${t("dashboard.actions.events.title")}</a> · <a href="/dashboard/manage/campaign">${t("dashboard.actions.campaign.link")}</a> · <a href="/dashboard/health">${t("dashboard.health.link")}</a> · <a href="/dashboard/audit">${t("dashboard.audit.title")}</a></nav>
${quarterPicker(t, o.trend, s.quarter)}
<section class="cards" aria-label="${t("dashboard.response.title", { quarter: s.label })}">
  <h2>${t("dashboard.response.title", { quarter: s.label })}</h2>
  <dl>
    ${statusFields(t, locale, s.totals).map((f, i) => figure(f.label, f.value, FIGURE_IDS[i]!))}
  </dl>
  ${detailLines(t, s.totals.realised, s.totals.detail).map((line) => html`<p class="detail">${line}</p>`)}
</section>
${s.byNetwork.length > 1 ? regionsTable(ctx, o) : ""}
<section><h2>${t("dashboard.chart.title")}</h2>
  <img class="chart" src="/dashboard/chart.png?v=${s.totals.realised}-${s.totals.reported}" alt="${t("dashboard.chart.alt")}" width="720" height="360"></section>
<section id="missing"><h2>${t("dashboard.missing.title")}</h2>
  ${missing.length ? html`<ul>${missing.map((e) => html`<li>${e.name}</li>`)}</ul>` : html`<p>${t("dashboard.missing.none")}</p>`}</section>
<section id="employers"><h2>${t("dashboard.employers.title")}</h2>
<table><thead><tr><th>${t("dashboard.table.employer")}</th><th>${t("figures.new")}</th><th>${t("figures.cumulative")}</th><th>${t("dashboard.table.status")}</th><th>${t("figures.by")}</th></tr></thead>
<tbody>${s.employers.map((e) => html`<tr data-employer="${e.employerId}" data-state="${e.state}"><td><a href="/dashboard/employers/${e.employerId}">${e.name}</a></td>
<td class="${e.reported ? "" : "not-reported"}">${realisedText(t, locale, e.realised)}</td><td>${progressText(t, locale, e.progress)}</td><td>${t(e.reported ? "dashboard.table.reported" : "dashboard.table.notReported")}</td>
<td>${e.submittedAt ? `${e.submittedBy ?? ""} ${formatDateTime(locale, e.submittedAt)}`.trim() : ""}</td></tr>`)}</tbody></table>
<p id="reports-export">${t("dashboard.export.reports")}: ${downloads("/dashboard/reports")} · <a href="/dashboard/public">${t("dashboard.public.link")}</a></p>
<p><a href="/dashboard/members/import" id="member-list">${t("import.page.link")}</a></p>
${ctx.admin ? "" : html`<p id="my-data">${t("dashboard.data.mine")}: ${downloads("/dashboard/my-data")} · <a href="/dashboard/my-data.json" download>JSON</a></p>`}</section>
<section id="events"><h2>${t("dashboard.events.title")}</h2>${eventsTable(t, locale, o)}</section>
<section id="subgroups"><h2>${t("dashboard.subgroups.title")}</h2>
<ul>${o.subgroups.map((g) => html`<li>${g.name}: ${t("dashboard.subgroups.members", { count: g.members })}</li>`)}</ul></section>`;
  return dashboardPage(ctx, `${o.networkName} ${q}`, body);
}

/** Every export in both file types, Excel first: the same two links as the member list's. */
const downloads = (path: string): Html => html`<a href="${path}.xlsx" download>Excel (.xlsx)</a> · <a href="${path}.csv" download>CSV</a>`;

function eventsTable(t: Translate, locale: Locale, o: NetworkOverview): Html {
  if (o.events.length === 0) return html`<p>${t("dashboard.events.none")}</p>`;
  return html`<table><thead><tr><th>#</th><th>${t("dashboard.table.event")}</th><th>${t("dashboard.table.date")}</th>
<th>${t("dashboard.table.yes")}</th><th>${t("dashboard.table.maybe")}</th><th>${t("dashboard.table.no")}</th><th>${t("dashboard.table.waitlist")}</th><th>${t("dashboard.table.capacity")}</th><th><span class="visually-hidden">${t("dashboard.events.attendees")}</span></th></tr></thead>
<tbody>${o.events.map((e) => html`<tr data-event="${e.number}"><td>${e.number}</td><td><a href="/dashboard/manage/events/${e.number}">${e.title}</a>${e.subgroupName ? html` <small>(${e.subgroupName})</small>` : ""}</td>
<td>${formatDateTime(locale, e.startsAt)}</td><td class="yes">${e.yes}</td><td class="maybe">${e.maybe}</td><td class="no">${e.no}</td><td>${e.waitlisted}</td><td>${e.capacity ?? "—"}</td>
<td>${t("dashboard.events.attendees")}: ${downloads(`/dashboard/events/${e.number}/attendees`)}</td></tr>`)}</tbody></table>`;
}

export function employerOverviewPage(ctx: PageContext, o: EmployerOverview): string {
  const { t, locale } = ctx;
  const label = quarterLabel(o.quarter);
  const body = html`<h1>${o.employerName}</h1>
${quarterPicker(t, o.trend, o.quarter)}
<p id="current">${o.current
    ? t("dashboard.member.current", { quarter: label, realised: o.current.realised })
    : t("dashboard.member.notReported", { quarter: label })}</p>
<p id="progress">${t("figures.progressLine", { progress: progressText(t, locale, o.progress) })}</p>
<section><h2>${t("dashboard.chart.title")}</h2><img class="chart" src="/dashboard/chart.png" alt="${t("dashboard.chart.alt")}" width="720" height="360"></section>
${trendTable(t, locale, o.trend)}
<p id="reports-export">${t("dashboard.export.reports")}: ${downloads("/dashboard/reports")}</p>
<p id="my-data">${t("dashboard.data.mine")}: ${downloads("/dashboard/my-data")} · <a href="/dashboard/my-data.json" download>JSON</a></p>`;
  return dashboardPage(ctx, o.employerName, body);
}

/** Per quarter: what was new, the total so far, the ambition and who reported (or, for one employer, its state). */
export function trendTable(t: Translate, locale: Locale, trend: QuarterTotals[]): Html {
  return html`<table class="trend"><thead><tr><th>${t("dashboard.table.quarter")}</th><th>${t("figures.new")}</th><th>${t("figures.cumulative")}</th><th>${t("dashboard.table.ambition")}</th><th>${t("figures.banen")}</th><th>${t("dashboard.table.reporting")}</th></tr></thead>
<tbody>${trend.map((q) => html`<tr data-quarter="${q.label}"${q.state ? html` data-state="${q.state}"` : ""}><td>${q.label}</td>
<td>${q.state && q.state !== "REPORTED" ? stateText(t, q.state) : formatNumber(locale, q.realised)}</td><td>${formatNumber(locale, q.cumulative)}</td><td>${formatNumber(locale, q.ambition)}</td>
<td class="banen">${q.detail.peopleWithHours ? formatOneDecimal(locale, q.detail.banen) : "—"}</td><td>${q.state ? "" : `${q.reported} / ${q.employers}`}</td></tr>`)}</tbody></table>`;
}

// The ids of statusFields' figures, in its order (tests and styles find a figure by its id).
const FIGURE_IDS = ["reported", "response-rate", "realised", "cumulative", "ambition", "not-reported", "banen"];

function regionsTable(ctx: PageContext, o: NetworkOverview): Html {
  const { t, locale } = ctx;
  return html`<section id="regions"><h2>${t("figures.regions")}</h2>
<table><thead><tr><th>${t("figures.network")}</th><th>${t("reporting.status.reported")}</th><th>${t("reporting.status.responseRate")}</th><th>${t("figures.new")}</th><th>${t("figures.cumulative")}</th><th>${t("figures.ambition")}</th></tr></thead>
<tbody>${o.status.byNetwork.map((n) => html`<tr data-network="${n.networkId}"><td>${n.networkName}</td><td>${n.reported} / ${n.employers}</td><td>${formatPercent(locale, n.responseRate)}</td>
<td>${formatNumber(locale, n.realised)}</td><td>${formatNumber(locale, n.cumulative)}</td><td>${formatNumber(locale, n.ambition)}</td></tr>`)}</tbody></table></section>`;
}

function quarterPicker(t: Translate, trend: QuarterTotals[], selected: { year: number; quarter: number }): Html {
  const options = new Map(trend.map((q) => [quarterParam(q), q.label]));
  options.set(quarterParam(selected), quarterLabel(selected));
  return html`<form method="get" action="/dashboard" class="picker"><label>${t("dashboard.quarter")}
<select name="quarter">${[...options].sort().reverse().map(([value, label]) => html`<option value="${value}"${value === quarterParam(selected) ? html` selected` : ""}>${label}</option>`)}</select></label>
<button type="submit">${t("dashboard.show")}</button></form>`;
}

function figure(label: string, value: string, id: string): Html {
  return html`<div class="figure" data-figure="${id}"><dt>${label}</dt><dd>${value}</dd></div>`;
}
