import type { ConditionState } from "../../core/conditions/condition-state.js";
import type { ArchiveImpact } from "../../core/members/archive-employer.js";
import type { EmployerProfile } from "../../core/members/employer-profile.js";
import type { EmployerList } from "../../core/members/list-employers.js";
import type { PersonRow } from "../../core/members/list-people.js";
import { MAX_EMPLOYER_NAME, OFFERS, SIZE_BANDS } from "../../core/members/schema.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";
import { conditionStateText } from "../../shared/condition-state-text.js";
import { field, formAlert, notice, type FieldSpec, type FormValues } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const EMPLOYERS_PATH = "/dashboard/manage/employers";
export const employerPath = (id: string) => `${EMPLOYERS_PATH}/${encodeURIComponent(id)}`;


export const EMPLOYER_FIELD_IDS = ["name", "branche", "sizeBand", "location", "region", "challenges", "offers", "offerDescription", "inclusionMaturity", "ambition", "ambitionTargetDate"];

export function employerFields(t: Translate): FieldSpec[] {
  return [
    { id: "name", kind: "text", label: t("members.employer.name"), required: true, maxLength: MAX_EMPLOYER_NAME },
    { id: "branche", kind: "text", label: t("members.profile.branche"), required: true, maxLength: 100 },
    { id: "sizeBand", kind: "select", label: t("members.profile.size"), required: true, options: SIZE_BANDS.map((v) => ({ value: v, label: t(`directory.size.${v}` as MessageKey) })) },
    { id: "location", kind: "text", label: t("members.profile.location"), required: true, maxLength: 100 },
    { id: "region", kind: "text", label: t("members.profile.region"), required: true, maxLength: 100 },
    { id: "challenges", kind: "textarea", label: t("members.profile.challenges"), hint: t("members.profile.challengesHint") },
    { id: "offers", kind: "checkboxes", label: t("members.profile.offers"), options: OFFERS.map((v) => ({ value: v, label: t(`directory.offer.${v}` as MessageKey) })) },
    { id: "offerDescription", kind: "textarea", label: t("members.profile.offerDescription"), maxLength: 500 },
    { id: "inclusionMaturity", kind: "number", label: t("members.profile.maturity"), required: true, min: 1, max: 5 },
    { id: "ambition", kind: "number", label: t("members.profile.ambition"), required: true, min: 0 },
    { id: "ambitionTargetDate", kind: "date", label: t("members.profile.targetDate"), hint: t("members.profile.targetDateHint") },
  ];
}

/** The form's values for a saved profile (challenges as the comma list people type). */
export function profileValues(p: EmployerProfile): FormValues {
  return { ...p, challenges: p.challenges.join(", "), ambitionTargetDate: p.ambitionTargetDate?.toISOString().slice(0, 10) ?? "" };
}

export function employersPage(ctx: PageContext, list: EmployerList, query: { term: string; archived: boolean }, done: string | null): string {
  const { t } = ctx;
  const rows = list.employers;
  const withCondition = rows.some((e) => e.condition);
  const body = html`<h1>${t(query.archived ? "dashboard.manage.employers.archivedTitle" : "dashboard.manage.employers.title")}</h1>
${manageNav(t)}${notice(done)}
<form method="get" action="${EMPLOYERS_PATH}" class="picker" role="search"><label>${t("dashboard.manage.search")} <input type="search" name="q" value="${query.term}"></label>
<label class="check"><input type="checkbox" name="archived" value="1"${query.archived ? html` checked` : ""}> ${t("dashboard.manage.employers.showArchived", { count: list.archived })}</label>
<button type="submit">${t("dashboard.show")}</button></form>
<p><a class="button primary" href="${EMPLOYERS_PATH}/new">${t("dashboard.manage.employers.new")}</a></p>
${rows.length === 0 ? html`<p>${t("members.employers.none")}</p>` : html`<table id="employer-list"><thead><tr><th>${t("dashboard.table.employer")}</th><th>${t("members.profile.branche")}</th><th>${t("members.profile.location")}</th><th>${t("members.profile.region")}</th>
<th>${t("dashboard.manage.people")}</th><th>${t("dashboard.manage.reportingContacts")}</th><th>${t("dashboard.table.status")}</th>${withCondition ? html`<th>${t("conditions.state.label")}</th>` : ""}</tr></thead>
<tbody>${rows.map((e) => html`<tr data-employer="${e.name}"><td><a href="${employerPath(e.employerId)}">${e.name}</a></td><td>${e.branche}</td><td>${e.location}</td><td>${e.region}</td>
<td>${e.people}</td><td>${e.reportingContacts}</td><td>${e.archivedAt ? t("members.employer.archivedShort") : t("dashboard.manage.active")}</td>${e.condition ? html`<td data-condition="${e.condition.status}">${conditionStateText(t, ctx.locale, e.condition)}</td>` : ""}</tr>`)}</tbody></table>`}`;
  return dashboardPage(ctx, t("dashboard.manage.employers.title"), body);
}

export function manageNav(t: Translate): Html {
  return html`<nav class="manage" aria-label="${t("dashboard.manage.nav")}"><a href="/dashboard">${t("dashboard.back")}</a> · <a href="${EMPLOYERS_PATH}">${t("dashboard.manage.employers.title")}</a> · <a href="/dashboard/manage/people">${t("dashboard.manage.people.title")}</a> · <a href="/dashboard/members/import">${t("import.page.link")}</a> · <a href="/dashboard/manage/condition">${t("conditions.state.label")}</a> · <a href="/dashboard/manage/settings">${t("dashboard.settings.title")}</a>
· <a href="/dashboard/manage/events">${t("dashboard.actions.events.title")}</a> · <a href="/dashboard/manage/campaign">${t("dashboard.actions.campaign.link")}</a> · <a href="/dashboard/health">${t("dashboard.health.link")}</a> · <a href="/dashboard/audit">${t("dashboard.audit.title")}</a></nav>`;
}

interface EmployerFormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

export function newEmployerPage(ctx: PageContext, state: EmployerFormState): string {
  const { t } = ctx;
  const body = html`<h1>${t("members.employer.newTitle")}</h1>${manageNav(t)}
${employerForm(ctx, `${EMPLOYERS_PATH}/new`, t("members.employer.create"), state)}`;
  return dashboardPage(ctx, t("members.employer.newTitle"), body);
}

/** An employer's page: its form, its people, and archiving (or restoring) below. */
export function employerPage(ctx: PageContext, p: EmployerProfile, people: PersonRow[], state: EmployerFormState, done: string | null, condition: { state: ConditionState; confirmedByName: string | null } | null = null): string {
  const { t } = ctx;
  const archive = p.archivedAt
    ? html`<form method="post" action="${employerPath(p.employerId)}/restore">${csrfField(ctx)}<button type="submit">${t("members.employer.button.restore")}</button></form>`
    : html`<p><a class="button danger" href="${employerPath(p.employerId)}/archive">${t("members.employer.button.archive")}</a></p>`;
  const body = html`<h1>${p.name}</h1>${manageNav(t)}${notice(done)}
${p.archivedAt ? html`<p class="notice" id="archived-notice">${t("members.employer.archivedNotice")}</p>` : ""}
${condition ? html`<p id="employer-condition">${t("conditions.state.label")}: ${conditionStateText(t, ctx.locale, condition.state)}${condition.confirmedByName ? t("conditions.view.by", { name: condition.confirmedByName }) : ""}</p>` : ""}
<section><h2>${t("members.employer.editTitle")}</h2>${employerForm(ctx, `${employerPath(p.employerId)}/edit`, t("members.profile.save"), state)}</section>
<section id="people"><h2>${t("dashboard.manage.people.title")}</h2>
${people.length ? html`<ul>${people.map((person) => html`<li><a href="/dashboard/manage/people/${person.personId}">${person.name}</a>${person.email ? html` — ${person.email}` : ""}</li>`)}</ul>` : html`<p>${t("members.employer.noPeople")}</p>`}
<p><a href="/dashboard/manage/people/new?employer=${encodeURIComponent(p.name)}">${t("dashboard.manage.people.new")}</a></p></section>
<section id="archive"><h2>${t(p.archivedAt ? "members.employer.button.restore" : "members.employer.button.archive")}</h2>${archive}</section>`;
  return dashboardPage(ctx, p.name, body);
}

function employerForm(ctx: PageContext, action: string, submit: string, state: EmployerFormState): Html {
  return html`<form method="post" action="${action}" class="edit" novalidate>${csrfField(ctx)}${formAlert(state.general)}
${employerFields(ctx.t).map((spec) => field(spec, state.values, state.errors))}
<button type="submit" class="primary">${submit}</button></form>`;
}

/** Says what archiving does before it is done, like the chat confirmation. */
export function archiveConfirmPage(ctx: PageContext, impact: ArchiveImpact): string {
  const { t } = ctx;
  const e = impact.employer;
  const body = html`<h1>${t("members.employer.archive.confirm", { name: e.name })}</h1>
<p>${t("members.employer.archive.explain", { name: e.name })}</p>
<dl class="cards">
<div class="figure"><dt>${t("members.employer.archive.people")}</dt><dd>${impact.people}</dd></div>
<div class="figure"><dt>${t("members.employer.archive.contacts")}</dt><dd>${impact.reportingContacts}</dd></div>
<div class="figure"><dt>${t("members.employer.archive.reports")}</dt><dd>${impact.reports}</dd></div></dl>
<form method="post" action="${employerPath(e.id)}/archive">${csrfField(ctx)}
<button type="submit" class="danger">${t("members.employer.archive.button")}</button> <a href="${employerPath(e.id)}">${t("members.erase.button.cancel")}</a></form>`;
  return dashboardPage(ctx, t("members.employer.archive.confirm", { name: e.name }), body);
}
