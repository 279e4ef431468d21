import type { PublicFigures } from "../../core/insights/public-figures.js";
import { formatNumber } from "../../i18n/format.js";
import { html } from "../../shared/html.js";
import { dashboardPage, type PageContext } from "./layout.js";

/** Aggregate-only figures: nothing here is finer than core's suppression allows. */
export function publicFiguresPage(ctx: PageContext, f: PublicFigures): string {
  const { t, locale } = ctx;
  const k = f.minGroupSize;
  const title = t("dashboard.public.title", { network: f.networkName });
  const body = f.suppressedAll
    ? html`<h1>${title}</h1><p>${t("dashboard.public.tooSmall", { k })}</p>`
    : html`<h1>${title}</h1>
<p>${t("dashboard.public.intro", { k })}</p>
<dl class="cards">
  <div class="figure"><dt>${t("dashboard.public.employers")}</dt><dd>${formatNumber(locale, f.employers)}</dd></div>
  <div class="figure"><dt>${t("dashboard.public.totalRealised")}</dt><dd>${formatNumber(locale, f.totals?.realised ?? 0)}</dd></div>
  <div class="figure"><dt>${t("dashboard.public.totalAmbition")}</dt><dd>${formatNumber(locale, f.totals?.ambition ?? 0)}</dd></div>
</dl>
<section><img class="chart" src="/dashboard/public.png" alt="${t("dashboard.chart.alt")}" width="720" height="360">
<p><a href="/dashboard/public.png" download="plaatsingen.png">${t("dashboard.public.image")}</a></p></section>
<section><h2>${t("dashboard.public.trend")}</h2><table><thead><tr><th>${t("dashboard.table.quarter")}</th><th>${t("dashboard.table.realised")}</th><th>${t("dashboard.table.reporting")}</th></tr></thead>
<tbody>${f.trend.map((q) => html`<tr><td>${q.label}</td><td>${q.realised === null ? t("dashboard.public.suppressed", { k }) : formatNumber(locale, q.realised)}</td><td>${q.reporting}</td></tr>`)}</tbody></table></section>
<section><h2>${t("dashboard.public.groups")}</h2><table><thead><tr><th><span class="visually-hidden">${t("dashboard.health.activity.group")}</span></th><th>${t("dashboard.table.reporting")}</th><th>${t("dashboard.table.realised")}</th></tr></thead>
<tbody>${f.groups.map((g) => html`<tr><td>${g.name ?? t("dashboard.public.other")}</td><td>${g.employers}</td><td>${formatNumber(locale, g.realised)}</td></tr>`)}</tbody></table></section>`;
  return dashboardPage(ctx, title, body);
}
