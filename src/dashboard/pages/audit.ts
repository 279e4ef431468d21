import type { AuditEntry, AuditPage } from "../../core/audit/audit-log.js";
import { catalogue } from "../../i18n/catalogue.js";
import { formatDateTime } from "../../i18n/format.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { dashboardPage, type PageContext } from "./layout.js";

export const AUDIT_PATH = "/dashboard/audit";

/** The audit log of the network, newest first, a page at a time. */
export function auditPage(ctx: PageContext, a: AuditPage): string {
  const { t, locale } = ctx;
  const body = html`<h1>${t("dashboard.audit.title")}</h1>${manageNav(t)}
<p>${t("dashboard.audit.intro", { count: a.total })}</p>
${a.entries.length === 0 ? html`<p>${t("dashboard.audit.none")}</p>` : html`<div class="table-scroll"><table id="audit-log"><thead><tr><th scope="col">${t("dashboard.audit.at")}</th><th scope="col">${t("dashboard.audit.who")}</th>
<th scope="col">${t("dashboard.audit.what")}</th><th scope="col">${t("dashboard.audit.subject")}</th><th scope="col">${t("dashboard.audit.details")}</th></tr></thead>
<tbody>${a.entries.map((e) => html`<tr data-action="${e.action}"><td>${formatDateTime(locale, e.at)}</td><td>${who(t, e)}</td><td>${actionLabel(t, e.action)}</td>
<td>${e.subject ?? t("dashboard.audit.gone")}</td><td>${details(e.details)}</td></tr>`)}</tbody></table></div>`}
${pager(t, a)}`;
  return dashboardPage(ctx, t("dashboard.audit.title"), body);
}

function who(t: Translate, e: AuditEntry): string {
  if (e.actor.kind === "admin") return t("dashboard.audit.admin");
  return e.actor.kind === "person" ? e.actor.name : t("dashboard.audit.unknown");
}

/** Known actions in words; an action added later without words shows its code rather than nothing. */
function actionLabel(t: Translate, action: string): Html | string {
  const key = `dashboard.audit.action.${action}` as MessageKey;
  return key in catalogue.nl ? t(key) : html`<code>${action}</code>`;
}

/** Details hold ids, counts and field names only (src/core/shared/audit.ts). */
function details(value: unknown): Html | string {
  if (!value || typeof value !== "object" || Array.isArray(value)) return "";
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  return html`<small>${parts.join("; ")}</small>`;
}

function pager(t: Translate, a: AuditPage): Html | string {
  if (a.pages <= 1) return "";
  const link = (page: number, key: MessageKey, rel: string) => html`<a href="${AUDIT_PATH}?page=${page}" rel="${rel}">${t(key)}</a>`;
  return html`<nav class="pager" aria-label="${t("dashboard.audit.pages")}">${a.page > 1 ? link(a.page - 1, "dashboard.audit.newer", "prev") : ""}
<span>${t("dashboard.audit.pageOf", { page: a.page, pages: a.pages })}</span>${a.page < a.pages ? link(a.page + 1, "dashboard.audit.older", "next") : ""}</nav>`;
}
