import type { EmployerFigures } from "../../core/insights/employer-figures.js";
import { html } from "../../shared/html.js";
import { dashboardPage, type PageContext } from "./layout.js";
import { trendTable } from "./overview.js";

export function employerPage(ctx: PageContext, e: EmployerFigures): string {
  const { t } = ctx;
  const body = html`<h1>${e.name}</h1>
<p>${e.branche} · ${e.region} · ${t("dashboard.table.ambition")}: ${e.ambition}</p>
${trendTable(t, e.trend)}
<p><a href="/dashboard">${t("dashboard.back")}</a></p>`;
  return dashboardPage(ctx, e.name, body);
}
