import type { ConditionView } from "../../core/conditions/condition-state.js";
import { MAX_CONDITION_TEXT } from "../../core/conditions/schema.js";
import { formatDate } from "../../i18n/format.js";
import type { MessageKey } from "../../i18n/index.js";
import { html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { field, formAlert, notice, type FormValues } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const CONDITION_PATH = "/dashboard/manage/condition";

export interface ConditionFormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

/** The network's condition: the current text, how many employers met it, and the form for a new version. */
export function conditionPage(ctx: PageContext, view: ConditionView, counts: { met: number; open: number }, state: ConditionFormState, done: string | null): string {
  const { t, locale } = ctx;
  const name = t(`networks.condition.${view.condition}` as MessageKey);
  const title = t("conditions.view.title", { condition: name });
  const c = view.confirmation;
  const content = !c
    ? html`<p>${t(view.condition === "PLACEMENT_REPORTING" ? "conditions.view.placement" : "conditions.view.noConfirmation", { condition: name })}</p>`
    : html`${c.text
        ? html`<p class="context" id="condition-version">${t("conditions.view.version", { version: c.text.version, date: formatDate(locale, c.text.createdAt) })}</p>
<blockquote id="condition-text">${c.text.text}</blockquote>
<p id="condition-counts">${t("dashboard.condition.counts", { met: counts.met, open: counts.open })}</p>`
        : html`<p>${t("dashboard.condition.noText")}</p>`}
<section><h2>${t("conditions.form.title")}</h2>
<form method="post" action="${CONDITION_PATH}" class="edit" novalidate>${csrfField(ctx)}${formAlert(state.general)}
${field({ id: "text", kind: "textarea", label: t("conditions.form.text"), required: true, maxLength: MAX_CONDITION_TEXT, hint: t("conditions.form.hint") }, state.values, state.errors)}
<button type="submit" class="primary">${t("conditions.form.save")}</button></form></section>`;
  return dashboardPage(ctx, title, html`<h1>${title}</h1>${manageNav(t)}${notice(done)}${content}`);
}
