import type { EmployerFigures } from "../../core/insights/employer-figures.js";
import { progressText } from "../../shared/figures-text.js";
import { html } from "../../shared/html.js";
import { dashboardPage, type PageContext } from "./layout.js";
import { trendTable } from "./overview.js";

export function employerPage(ctx: PageContext, e: EmployerFigures): string {
  const { t, locale } = ctx;
  const last = e.trend.at(-1);
  const body = html`<h1>${e.name}</h1>
<p>${e.branche} · ${e.region} · ${t("figures.progressLine", { progress: progressText(t, locale, { cumulative: last?.cumulative ?? 0, ambition: e.ambition, targetDate: e.ambitionTargetDate, targetPassed: e.targetPassed }) })}</p>
${trendTable(t, locale, e.trend)}
<p><a href="/dashboard">${t("dashboard.back")}</a></p>`;
  return dashboardPage(ctx, e.name, body);
}
