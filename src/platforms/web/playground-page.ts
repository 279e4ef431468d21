import { html, page } from "../../shared/html.js";
import type { InboxEntry } from "../../delivery/web-inbox.js";
import { formatDateTime } from "../../i18n/format.js";
import type { Locale, Translate } from "../../i18n/index.js";
import type { DemoPerson } from "../../core/members/playground-people.js";
import { messageHtml } from "./render.js";

export function playgroundPage(t: Translate, locale: Locale, people: DemoPerson[]): string {
  const option = (p: DemoPerson) =>
    html`<option value="${p.id}" data-locale="${p.locale ?? ""}">${p.name} — ${p.role === "COORDINATOR" ? t("playground.coordinator") : p.employer ?? ""}${p.locale === "en" ? " (English)" : ""}</option>`;
  return page({
    title: t("playground.title"),
    lang: locale,
    stylesheet: "/static/web.css",
    script: "/playground/static/playground.js",
    body: html`<header class="bar"><span class="brand">${t("playground.title")}</span><nav><a href="/?lang=${locale === "nl" ? "en" : "nl"}">${locale === "nl" ? "English" : "Nederlands"}</a> · <a href="/dashboard/login">Dashboard</a></nav></header>
<main>
<h1>${t("playground.title")}</h1>
<p>${t("playground.intro")}</p>
${people.length === 0 ? html`<p class="error">${t("playground.noPeople")}</p>` : ""}
<label class="pick">${t("playground.pick")} <select id="person">${people.map(option)}</select></label>
<div class="playground">
  <section aria-label="${t("playground.chat")}"><h2>${t("playground.chat")}</h2>
    <div id="log" class="log" aria-live="polite" tabindex="0"></div>
    <form id="composer" class="composer"><input id="text" name="text" autocomplete="off" placeholder="${t("playground.placeholder")}" aria-label="${t("playground.placeholder")}" maxlength="4000">
    <button type="submit" class="primary">${t("playground.send")}</button></form>
  </section>
  <section aria-label="${t("playground.inbox")}"><h2>${t("playground.inbox")}</h2>
    <button type="button" id="refresh-inbox">${t("playground.refresh")}</button>
    <div id="inbox" class="log" tabindex="0"></div>
  </section>
</div>
<template id="you-label">${t("playground.you")}</template>
</main>`,
  });
}

export function inboxHtml(t: Translate, locale: Locale, entries: InboxEntry[]): string {
  if (entries.length === 0) return html`<p class="context">${t("playground.inbox.empty")}</p>`.value;
  return entries
    .map((e) => html`<div class="inbox-entry"><p class="context">${formatDateTime(locale, e.sentAt)}</p>${messageHtml(e.message, t)}</div>`.value)
    .join("");
}
