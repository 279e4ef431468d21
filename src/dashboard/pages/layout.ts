import type { Locale, Translate } from "../../i18n/index.js";
import { CSRF_FIELD } from "../csrf.js";
import { Html, html, page } from "../../shared/html.js";
import { labelTableCells } from "./table-labels.js";

/** What a signed-in person's page is rendered with. */
export interface PageContext {
  t: Translate;
  locale: Locale;
  /** Goes into every form that changes something (csrfField). */
  csrfToken: string;
  /** The self-hoster's session: the header links to setting up networks. */
  admin?: boolean;
}

/** The hidden field every state-changing form of a signed-in person carries. */
export function csrfField(ctx: PageContext): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrfToken}">`;
}

/** The signed-in frame: title, sign-out, content. */
export function dashboardPage(ctx: PageContext, title: string, body: Html): string {
  const { t, locale } = ctx;
  return page({
    title: `${title} — ${t("dashboard.title")}`,
    lang: locale,
    stylesheet: "/static/web.css",
    body: html`<header class="bar"><a href="/dashboard" class="brand">${t("dashboard.title")}</a>
${ctx.admin ? html`<a href="/dashboard/admin" id="admin-link">${t("dashboard.admin.link")}</a>` : ""}
<form method="post" action="/dashboard/logout"><button type="submit">${t("dashboard.logout")}</button></form></header>
<main>${new Html(labelTableCells(body.value))}</main>`,
  });
}

/** For anyone without a valid session: the same page whatever they asked for. */
export function signInRequiredPage(t: Translate, locale: Locale, playground = false): string {
  return page({
    title: t("dashboard.signIn.title"),
    lang: locale,
    body: html`<main class="narrow"><h1>${t("dashboard.signIn.title")}</h1><p>${t(playground ? "dashboard.signIn.requiredDemo" : "dashboard.signIn.required")}</p></main>`,
  });
}

export function messagePage(t: Translate, locale: Locale, text: string): string {
  return page({ title: t("dashboard.title"), lang: locale, body: html`<main class="narrow"><h1>${t("dashboard.title")}</h1><p>${text}</p></main>` });
}

export function signInPage(t: Translate, locale: Locale, options: { token?: string; error?: boolean; adminLogin: boolean; playground?: boolean }): string {
  const linkForm = options.token
    ? html`<form method="post" action="/dashboard/login"><input type="hidden" name="token" value="${options.token}">
<button type="submit" class="primary">${t("dashboard.signIn.button")}</button></form>`
    : "";
  const adminForm = options.adminLogin
    ? // A username beside the token lets a password manager save and fill it; the server ignores it.
      html`<form method="post" action="/dashboard/login" class="admin edit"><div class="field"><label for="admin-username">${t("dashboard.signIn.adminUsername")}</label>
<input type="text" id="admin-username" name="username" value="admin" autocomplete="username" spellcheck="false"></div>
<div class="field"><label for="admin-token">${t("dashboard.signIn.adminToken")}</label>
<input type="password" id="admin-token" name="adminToken" autocomplete="current-password" required></div>
<button type="submit">${t("dashboard.signIn.adminButton")}</button></form>`
    : "";
  return page({
    title: t("dashboard.signIn.title"),
    lang: locale,
    body: html`<main class="narrow"><h1>${t("dashboard.signIn.title")}</h1>
${options.error ? html`<p class="error" role="alert">${t("dashboard.signIn.invalid")}</p>` : ""}
${options.token ? html`<p>${t("dashboard.signIn.intro")}</p>` : ""}
${linkForm}${adminForm}
${!options.token && !options.adminLogin && !options.error ? html`<p>${t(options.playground ? "dashboard.signIn.requiredDemo" : "dashboard.signIn.required")}</p>` : ""}</main>`,
  });
}
