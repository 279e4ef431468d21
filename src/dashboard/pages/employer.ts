import type { EmployerFigures } from "../../core/insights/employer-figures.js";
import type { Locale, Translate } from "../../i18n/index.js";
import { html } from "../html.js";
import { dashboardPage } from "./layout.js";
import { trendTable } from "./overview.js";

export function employerPage(t: Translate, locale: Locale, e: EmployerFigures): string {
  const body = html`<h1>${e.name}</h1>
<p>${e.branche} · ${e.region} · ${t("dashboard.table.ambition")}: ${e.ambition}</p>
${trendTable(t, e.trend)}
<p><a href="/dashboard">${t("dashboard.back")}</a></p>`;
  return dashboardPage(t, locale, e.name, body);
}
