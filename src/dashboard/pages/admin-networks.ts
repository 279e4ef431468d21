import type { NetworkNode } from "../../core/networks/list-networks.js";
import { MEMBERSHIP_CONDITIONS } from "../../core/networks/schema.js";
import type { Translate } from "../../i18n/index.js";
import { html, type Html } from "../../shared/html.js";
import { csrfField, dashboardPage, type PageContext } from "./layout.js";

/** What the last action said: a confirmation, or a refusal with its reasons. */
export interface Notice {
  kind: "done" | "refused";
  lines: string[];
}

/** The self-hoster's set-up page: the tree of networks, and a form for every change. */
export function adminNetworksPage(ctx: PageContext, tree: NetworkNode[], notice?: Notice): string {
  const { t } = ctx;
  const body = html`<h1>${t("dashboard.admin.title")}</h1>
${notice ? noticeBlock(notice) : ""}
${tree.length === 0 ? html`<p id="no-networks">${t("dashboard.admin.empty")}</p>` : html`<ul class="tree" id="networks">${tree.map((n) => networkItem(ctx, n, tree))}</ul>`}
${createForm(ctx, tree)}`;
  return dashboardPage(ctx, t("dashboard.admin.title"), body);
}

function noticeBlock(notice: Notice): Html {
  return html`<div id="notice" class="${notice.kind === "refused" ? "error" : "done"}" role="${notice.kind === "refused" ? "alert" : "status"}">
${notice.lines.map((line) => html`<p>${line}</p>`)}</div>`;
}

function networkItem(ctx: PageContext, n: NetworkNode, tree: NetworkNode[]): Html {
  const { t } = ctx;
  const action = (path: string) => `/dashboard/admin/networks/${encodeURIComponent(n.slug)}${path}`;
  return html`<li class="depth-${Math.min(n.depth, 5)}"><section id="network-${n.slug}" data-network="${n.slug}">
<h2>${n.name} <small>(${n.slug})</small>${n.parentSlug ? html` <small class="parent">${t("dashboard.admin.below", { parent: n.parentSlug })}</small>` : ""}</h2>
<p>${n.timeZone} · ${n.defaultLocale} · ${t(`networks.condition.${n.membershipCondition}`)} · ${t("dashboard.admin.counts", { employers: n.employers, people: n.people })}
· <a href="/dashboard?network=${encodeURIComponent(n.slug)}">${t("dashboard.admin.view")}</a></p>
<h3>${t("dashboard.admin.coordinators")}</h3>
<ul class="coordinators">${n.coordinators.map((c) => html`<li data-email="${c.email ?? ""}">${c.name} &lt;${c.email ?? ""}&gt;
<form method="post" action="${action("/coordinators/remove")}" class="inline">${csrfField(ctx)}<input type="hidden" name="email" value="${c.email ?? ""}"><button type="submit">${t("dashboard.admin.remove")}</button></form></li>`)}</ul>
<form method="post" action="${action("/coordinators")}" class="add-coordinator">${csrfField(ctx)}
<label>${t("dashboard.admin.addCoordinator")} <input name="coordinator" required maxlength="300" placeholder="Sanne de Vries &lt;sanne@netwerk.nl&gt;"></label>
<button type="submit">${t("dashboard.admin.addCoordinator.button")}</button></form>
<h3>${t("dashboard.admin.bindings")}</h3>
${n.bindings.length === 0 ? html`<p class="no-bindings">${t("dashboard.admin.noBindings")}</p>` : ""}
<ul class="bindings">${n.bindings.map((b) => html`<li data-tenant="${b.tenantId}">${b.platform === "SLACK" ? "Slack" : "Teams"} ${b.tenantId}
<form method="post" action="${action("/bindings/remove")}" class="inline">${csrfField(ctx)}<input type="hidden" name="platform" value="${b.platform}"><input type="hidden" name="tenantId" value="${b.tenantId}"><button type="submit">${t("dashboard.admin.unbind")}</button></form></li>`)}</ul>
<form method="post" action="${action("/bindings")}" class="bind">${csrfField(ctx)}
<label>${t("dashboard.admin.bind.platform")} <select name="platform"><option value="SLACK">Slack</option><option value="TEAMS">Teams</option></select></label>
<label>${t("dashboard.admin.bind.tenant")} <input name="tenantId" required maxlength="100"></label>
<button type="submit">${t("dashboard.admin.bind.button")}</button></form>
<form method="post" action="${action("/parent")}" class="move">${csrfField(ctx)}
<label>${t("dashboard.admin.parent")} ${parentSelect(t, tree, n.parentSlug, n.slug)}</label>
<button type="submit">${t("dashboard.admin.move.button")}</button></form>
</section></li>`;
}

function parentSelect(t: Translate, tree: NetworkNode[], selected: string | null, except?: string): Html {
  return html`<select name="parent"><option value="">${t("dashboard.admin.noParent")}</option>
${tree.filter((n) => n.slug !== except).map((n) => html`<option value="${n.slug}"${n.slug === selected ? html` selected` : ""}>${"\u00a0\u00a0".repeat(n.depth)}${n.name}</option>`)}</select>`;
}

function createForm(ctx: PageContext, tree: NetworkNode[]): Html {
  const { t } = ctx;
  return html`<section id="create"><h2>${t("dashboard.admin.create.title")}</h2>
<form method="post" action="/dashboard/admin/networks" class="create-network">${csrfField(ctx)}
<p><label>${t("dashboard.admin.slug")} <input name="slug" required maxlength="40" pattern="[a-z0-9]+(-[a-z0-9]+)*"></label></p>
<p><label>${t("dashboard.admin.name")} <input name="name" required maxlength="100"></label></p>
<p><label>${t("dashboard.admin.coordinator")} <input name="coordinator" required maxlength="300" placeholder="Sanne de Vries &lt;sanne@netwerk.nl&gt;"></label></p>
<p><label>${t("dashboard.admin.parent")} ${parentSelect(t, tree, null)}</label></p>
<p><label>${t("dashboard.admin.timeZone")} <input name="timeZone" value="Europe/Amsterdam" maxlength="64"></label>
<label>${t("dashboard.admin.language")} <select name="language"><option value="nl">Nederlands</option><option value="en">English</option></select></label>
<label>${t("dashboard.admin.condition")} <select name="condition">${MEMBERSHIP_CONDITIONS.map((c) => html`<option value="${c}">${t(`networks.condition.${c}`)}</option>`)}</select></label></p>
<button type="submit" class="primary">${t("dashboard.admin.create.button")}</button></form></section>`;
}
