import type { EmployerRow } from "../../core/members/list-employers.js";
import type { PersonRow } from "../../core/members/list-people.js";
import type { PersonDetails, PlatformLink } from "../../core/members/person-details.js";
import { FUNCTIONS, platformName } from "../../core/members/schema.js";
import { formatDate } from "../../i18n/format.js";
import type { MessageKey, Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";
import { manageNav } from "./employers.js";
import { field, formAlert, notice, type FieldSpec, type FormValues } from "./form-fields.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

export const PEOPLE_PATH = "/dashboard/manage/people";
export const personPath = (id: string) => `${PEOPLE_PATH}/${encodeURIComponent(id)}`;


export function personFields(t: Translate, mode: "new" | "edit"): FieldSpec[] {
  const yesNo = [{ value: "false", label: t("members.add.no") }, { value: "true", label: t("members.add.yes") }];
  return [
    { id: "name", kind: "text", label: t("members.add.name"), required: true, maxLength: 120 },
    { id: "email", kind: "email", label: t("members.add.email"), required: true, maxLength: 254, hint: t(mode === "new" ? "members.add.emailHint" : "members.person.emailHint") },
    ...(mode === "new" ? [{ id: "employer", kind: "text" as const, label: t("members.add.employer"), maxLength: 120 }] : []),
    { id: "function", kind: "select", label: t("members.add.function"), required: true, options: FUNCTIONS.map((v) => ({ value: v, label: t(`directory.function.${v}` as MessageKey) })) },
    { id: "jobTitle", kind: "text", label: t("members.add.jobTitle"), maxLength: 100 },
    { id: "role", kind: "select", label: t("members.add.role"), required: true, options: [{ value: "MEMBER", label: t("members.add.roleMember") }, { value: "COORDINATOR", label: t("members.add.roleCoordinator") }] },
    { id: "reportingContact", kind: "select", label: t("members.add.reportingContact"), required: true, options: yesNo },
    ...(mode === "edit"
      ? [{ id: "locale", kind: "select" as const, label: t("members.person.language"), required: true, options: ["network", "nl", "en"].map((v) => ({ value: v, label: t(`members.person.language.${v}` as MessageKey) })) }]
      : []),
  ];
}

export function detailValues(p: PersonDetails): FormValues {
  return { ...p, reportingContact: String(p.reportingContact), locale: p.locale ?? "network" };
}

export function peoplePage(ctx: PageContext, rows: PersonRow[], term: string, done: string | null): string {
  const { t } = ctx;
  const body = html`<h1>${t("dashboard.manage.people.title")}</h1>${manageNav(t)}${notice(done)}
<form method="get" action="${PEOPLE_PATH}" class="picker" role="search"><label>${t("dashboard.manage.search")} <input type="search" name="q" value="${term}"></label><button type="submit">${t("dashboard.show")}</button></form>
<p><a class="button primary" href="${PEOPLE_PATH}/new">${t("dashboard.manage.people.new")}</a></p>
${rows.length === 0 ? html`<p>${t("members.people.none")}</p>` : html`<table id="people-list"><thead><tr><th>${t("members.add.name")}</th><th>${t("members.add.email")}</th><th>${t("dashboard.table.employer")}</th>
<th>${t("members.add.function")}</th><th>${t("members.add.role")}</th><th>${t("dashboard.manage.reports")}</th><th>${t("dashboard.manage.links")}</th></tr></thead>
<tbody>${rows.map((p) => html`<tr data-person="${p.email ?? p.personId}"><td><a href="${personPath(p.personId)}">${p.name}</a></td><td>${p.email ?? "—"}</td>
<td>${p.employer ? html`${p.employer.name}${p.employer.archivedAt ? html` <small>(${t("members.employer.archivedShort")})</small>` : ""}` : "—"}</td>
<td>${t(`directory.function.${p.function}` as MessageKey)}</td><td>${t(p.role === "COORDINATOR" ? "members.add.roleCoordinator" : "members.add.roleMember")}</td>
<td>${t(p.reportingContact ? "members.add.yes" : "members.add.no")}</td><td>${p.links}</td></tr>`)}</tbody></table>`}`;
  return dashboardPage(ctx, t("dashboard.manage.people.title"), body);
}

interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  general: string | null;
}

export function newPersonPage(ctx: PageContext, state: FormState): string {
  const { t } = ctx;
  const body = html`<h1>${t("members.add.title")}</h1>${manageNav(t)}
<form method="post" action="${PEOPLE_PATH}/new" class="edit" novalidate>${csrfField(ctx)}${formAlert(state.general)}
${personFields(t, "new").map((spec) => field(spec, state.values, state.errors))}
<button type="submit" class="primary">${t("members.add.submit")}</button></form>`;
  return dashboardPage(ctx, t("members.add.title"), body);
}

/** A person: their fields, moving to another employer, their platform links, and removal. */
export function personPage(ctx: PageContext, p: PersonDetails, employers: EmployerRow[], edit: FormState, move: FormState, done: string | null): string {
  const { t } = ctx;
  const options = employers.map((e) => ({ value: e.employerId, label: e.name }));
  const moveSpec: FieldSpec = { id: "employer", kind: "select", label: t("dashboard.manage.people.moveTo"), required: true, options };
  const body = html`<h1>${p.name}</h1>${manageNav(t)}${notice(done)}
<p>${p.employer ? html`${t("dashboard.table.employer")}: <a href="/dashboard/manage/employers/${p.employer.id}">${p.employer.name}</a>` : t("dashboard.manage.people.noEmployer")}</p>
<section><h2>${t("members.person.editTitle")}</h2>
<form method="post" action="${personPath(p.personId)}/edit" class="edit" novalidate>${csrfField(ctx)}${formAlert(edit.general)}
${personFields(t, "edit").map((spec) => field(spec, edit.values, edit.errors))}
<button type="submit" class="primary">${t("members.profile.save")}</button></form></section>
<section id="move"><h2>${t("dashboard.manage.people.move")}</h2>
<form method="post" action="${personPath(p.personId)}/move" class="edit" novalidate>${csrfField(ctx)}${formAlert(move.general)}
${field(moveSpec, move.values, move.errors)}<button type="submit">${t("dashboard.manage.people.moveButton")}</button></form></section>
<section id="links"><h2>${t("dashboard.manage.links")}</h2>${linksTable(ctx, p)}</section>
<section id="data"><h2>${t("dashboard.data.title")}</h2><p>${t("dashboard.data.other")}: <a href="${personPath(p.personId)}/data.xlsx" download>Excel (.xlsx)</a> · <a href="${personPath(p.personId)}/data.csv" download>CSV</a> · <a href="${personPath(p.personId)}/data.json" download>JSON</a></p></section>
<section id="remove"><h2>${t("members.person.button.remove")}</h2>
<p><a class="button danger" href="${personPath(p.personId)}/remove">${t("dashboard.manage.people.removeButton")}</a></p></section>`;
  return dashboardPage(ctx, p.name, body);
}

function linksTable(ctx: PageContext, p: PersonDetails): Html {
  const { t, locale } = ctx;
  if (p.links.length === 0) return html`<p>${t("members.person.noLinks")}</p>`;
  return html`<table><thead><tr><th>${t("dashboard.manage.platform")}</th><th>${t("dashboard.manage.workspace")}</th><th>${t("dashboard.manage.linkedSince")}</th><th><span class="visually-hidden">${t("dashboard.manage.actions")}</span></th></tr></thead>
<tbody>${p.links.map((l) => html`<tr data-link="${l.identityId}"><td>${platformName(l.platform)}</td><td>${l.tenantId}</td><td>${formatDate(locale, l.linkedAt)}</td>
<td><a href="${personPath(p.personId)}/links/${l.identityId}/unlink">${t("dashboard.manage.unlink")}</a></td></tr>`)}</tbody></table>`;
}

export function removeConfirmPage(ctx: PageContext, p: PersonDetails): string {
  const { t } = ctx;
  const title = t("members.person.remove.confirm", { name: p.name });
  const body = html`<h1>${title}</h1><p>${t("members.person.remove.explain", { employer: p.employer?.name ?? "—" })}</p>
<form method="post" action="${personPath(p.personId)}/remove">${csrfField(ctx)}
<button type="submit" class="danger">${t("members.person.remove.button")}</button> <a href="${personPath(p.personId)}">${t("members.erase.button.cancel")}</a></form>`;
  return dashboardPage(ctx, title, body);
}

export function unlinkConfirmPage(ctx: PageContext, p: PersonDetails, link: PlatformLink): string {
  const { t } = ctx;
  const title = t("dashboard.manage.unlinkConfirm", { platform: platformName(link.platform), name: p.name });
  const body = html`<h1>${title}</h1><p>${t("dashboard.manage.unlinkExplain", { id: link.tenantId })}</p>
<form method="post" action="${personPath(p.personId)}/links/${link.identityId}/unlink">${csrfField(ctx)}
<button type="submit" class="danger">${t("dashboard.manage.unlink")}</button> <a href="${personPath(p.personId)}">${t("members.erase.button.cancel")}</a></form>`;
  return dashboardPage(ctx, title, body);
}
