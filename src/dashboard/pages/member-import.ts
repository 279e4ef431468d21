import { describePlan } from "../../core/import/describe.js";
import type { ImportOutcome } from "../../core/import/import-members.js";
import type { KeptPreview } from "../../core/import/uploads.js";
import { html } from "../../shared/html.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

// A first import lists every member; a few hundred lines per section is still a page one scrolls.
const LINES_PER_SECTION = 500;
const ACCEPT = ".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The start: template and current list to download, and the upload form. */
export function memberImportPage(ctx: PageContext, error?: string): string {
  const { t } = ctx;
  const body = html`<h1>${t("import.page.title")}</h1>
<p>${t("import.page.intro")}</p>
<section id="downloads"><h2>${t("import.page.downloads")}</h2>
<ul>
<li>${t("import.page.template")}: <a href="/dashboard/members/template.xlsx" download>Excel (.xlsx)</a> · <a href="/dashboard/members/template.csv" download>CSV</a></li>
<li>${t("import.page.current")}: <a href="/dashboard/members/export.xlsx" download>Excel (.xlsx)</a> · <a href="/dashboard/members/export.csv" download>CSV</a></li>
</ul></section>
<section id="upload"><h2>${t("import.page.upload")}</h2>
${error ? html`<p class="error" role="alert" id="upload-error">${error}</p>` : ""}
<form method="post" action="/dashboard/members/import?_csrf=${encodeURIComponent(ctx.csrfToken)}" enctype="multipart/form-data">
<label>${t("import.page.file")} <input type="file" name="file" accept="${ACCEPT}" required></label>
<button type="submit" class="primary">${t("import.page.preview")}</button>
</form></section>`;
  return dashboardPage(ctx, t("import.page.title"), body);
}

/** What the file would change, with an Apply button only when it can be applied. */
export function importPreviewPage(ctx: PageContext, { uploadId, plan }: KeptPreview, notice?: string): string {
  const { t } = ctx;
  const described = describePlan(plan, ctx.locale, LINES_PER_SECTION);
  const body = html`<h1>${t("import.page.previewTitle")}</h1>
${notice ? html`<p class="error" role="alert" id="notice">${notice}</p>` : ""}
<ul id="notes">${described.notes.map((note) => html`<li>${note}</li>`)}</ul>
<p id="verdict" class="${plan.badRows.length > 0 ? "error" : ""}">${described.verdict}</p>
${described.canApply
    ? html`<form method="post" action="/dashboard/members/import/${uploadId}/apply">${csrfField(ctx)}
<input type="hidden" name="digest" value="${plan.digest}"><button type="submit" class="primary" id="apply">${t("import.page.apply")}</button></form>`
    : ""}
${described.sections.map((section) => html`<section id="plan-${section.id}"><h2>${section.title}</h2>
<ul>${section.lines.map((line) => html`<li>${line}</li>`)}</ul>
${section.more > 0 ? html`<p>${t("import.page.more", { count: section.more })}</p>` : ""}</section>`)}
<p><a href="/dashboard/members/import">${t("import.page.another")}</a></p>`;
  return dashboardPage(ctx, t("import.page.previewTitle"), body);
}

export function importDonePage(ctx: PageContext, outcome: ImportOutcome): string {
  const { t } = ctx;
  const result = outcome.changed ? t("import.apply.done", { ...outcome.counts }) : t("import.apply.nothing");
  const body = html`<h1>${t("import.page.doneTitle")}</h1>
<p id="result">${result}</p>
<p><a href="/dashboard">${t("import.page.back")}</a> · <a href="/dashboard/members/import">${t("import.page.another")}</a></p>`;
  return dashboardPage(ctx, t("import.page.doneTitle"), body);
}
