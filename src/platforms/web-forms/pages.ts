import type { ReportLinkForm, RsvpAnswerWord, RsvpLinkPage, UnsubscribePage } from "../../core/links/index.js";
import { RSVP_ANSWERS } from "../../core/links/index.js";
import type { Message } from "../../i18n/index.js";
import { formatDate, formatDateTime } from "../../i18n/format.js";
import { translate, translator, type Locale } from "../../i18n/index.js";
import { html, page, type Html } from "../../shared/html.js";

// Mobile-first: one column, large targets, nothing to sign in to. The stylesheet is the
// dashboard's; its .link-page rules size everything for a phone first.
function linkPage(locale: Locale, title: string, body: Html): string {
  const t = translator(locale);
  return page({ title: `${title} — ${t("links.page.title")}`, lang: locale, body: html`<main class="link-page">${body}</main>` });
}

export function problemPage(locale: Locale, message: Message): string {
  const t = translator(locale);
  return linkPage(locale, t("links.problem.title"), html`<h1>${t("links.problem.title")}</h1><p class="notice" role="alert" id="link-problem">${translate(locale, message)}</p>`);
}

export interface ReportFormState {
  values?: { realised?: string; ambition?: string; remark?: string };
  errors?: Record<string, Message>;
  /** The answer to the form just sent. */
  done?: Message;
  /** A refusal of the whole form (already sent, or the report window). */
  refusal?: Message;
}

export function reportPage(form: ReportLinkForm, state: ReportFormState = {}): string {
  const { locale } = form.link;
  const t = translator(locale);
  const title = t("links.report.title", { quarter: form.label });
  const values = {
    realised: state.values?.realised ?? (form.current ? String(form.current.realised) : ""),
    ambition: state.values?.ambition ?? String(form.current?.ambition ?? form.ambitionDefault),
    remark: state.values?.remark ?? form.current?.remark ?? "",
  };
  const current = form.current
    ? t(form.current.by ? "links.report.current" : "links.report.currentNobody", {
        realised: form.current.realised,
        ambition: form.current.ambition,
        by: form.current.by ?? "",
        date: formatDate(locale, form.current.submittedAt),
      })
    : t("links.report.none", { quarter: form.label });
  const body = html`<h1>${title}</h1>
${state.done ? html`<p class="notice done" role="status" id="link-done">${translate(locale, state.done)}</p>` : ""}
${state.refusal ? html`<p class="notice error" role="alert" id="link-refused">${translate(locale, state.refusal)}</p>` : ""}
${state.errors ? html`<p class="error" role="alert">${t("links.report.errors")}</p>` : ""}
<p>${t("links.report.intro", { employer: form.employerName })}</p>
<p id="current-figure"><strong>${current}</strong></p>
${form.current ? html`<p class="hint">${t("links.report.correction")}</p>` : ""}
<form method="post" class="link-form" novalidate>
<input type="hidden" name="send" value="${form.link.submissions}">
${numberField(locale, "realised", t("links.report.realised"), values.realised, state.errors)}
${numberField(locale, "ambition", t("links.report.ambition"), values.ambition, state.errors)}
${field("remark", t("links.report.remark"), html`<textarea id="remark" name="remark" rows="3" maxlength="500" ${ariaFor("remark", state.errors)}>${values.remark}</textarea>`, locale, state.errors)}
<button type="submit" class="primary">${t("links.report.send")}</button>
</form>`;
  return linkPage(locale, title, body);
}

function numberField(locale: Locale, name: string, label: string, value: string, errors?: Record<string, Message>): Html {
  return field(name, label, html`<input id="${name}" name="${name}" type="number" inputmode="numeric" min="0" max="10000" required value="${value}" ${ariaFor(name, errors)}>`, locale, errors);
}

function field(name: string, label: string, control: Html, locale: Locale, errors?: Record<string, Message>): Html {
  const error = errors?.[name];
  return html`<div class="field"><label for="${name}">${label}</label>${control}${error ? html`<p class="field-error" id="${name}-error" data-error-for="${name}">${translate(locale, error)}</p>` : ""}</div>`;
}

function ariaFor(name: string, errors?: Record<string, Message>): Html {
  return errors?.[name] ? html`aria-invalid="true" aria-describedby="${name}-error"` : html``;
}

const BUTTONS = [
  ["ja", "links.rsvp.yes"],
  ["misschien", "links.rsvp.maybe"],
  ["nee", "links.rsvp.no"],
] as const;

export interface RsvpPageState {
  chosen?: RsvpAnswerWord;
  done?: Message;
  refusal?: Message;
}

export function rsvpPage(view: RsvpLinkPage, state: RsvpPageState = {}): string {
  const { locale } = view.link;
  const { event } = view;
  const t = translator(locale);
  const title = t("links.rsvp.title", { title: event.title });
  const zone = event.network.timeZone;
  const place = event.location ?? event.onlineUrl;
  const current = view.current
    ? view.current.waitlisted && view.current.position
      ? t("links.rsvp.currentWaiting", { position: view.current.position })
      : t("links.rsvp.current", { answer: t(`links.answer.${view.current.response}`) })
    : null;
  const chosen = state.chosen && !state.done ? RSVP_ANSWERS[state.chosen] : null;
  const body = html`<h1>${title}</h1>
${state.done ? html`<p class="notice done" role="status" id="link-done">${translate(locale, state.done)}</p>` : ""}
${state.refusal ? html`<p class="notice error" role="alert" id="link-refused">${translate(locale, state.refusal)}</p>` : ""}
<p>${formatDateTime(locale, event.startsAt, zone)}${place ? html`<br>${t("links.rsvp.where", { place })}` : ""}</p>
${current ? html`<p id="current-answer"><strong>${current}</strong></p>` : ""}
${chosen ? html`<p>${t("links.rsvp.chosen", { answer: t(`links.answer.${chosen}`) })}</p>` : ""}
<form method="post" class="link-form answers">
<input type="hidden" name="send" value="${view.link.submissions}">
${BUTTONS.map(([word, key]) => html`<button type="submit" name="response" value="${RSVP_ANSWERS[word]}" class="${chosen === RSVP_ANSWERS[word] || (!chosen && word === "ja") ? "primary" : ""}">${t(key)}</button>`)}
</form>`;
  return linkPage(locale, title, body);
}

/**
 * The unsubscribe link's page: opening it changes nothing (mail scanners open links); the button
 * posts what a mail provider's one-click POST sends (RFC 8058).
 */
export function unsubscribePageHtml(view: UnsubscribePage, state: { done?: boolean } = {}): string {
  const { locale } = view;
  const t = translator(locale);
  const title = t("links.unsubscribe.title");
  const body = view.off
    ? html`<h1>${title}</h1>
<p class="notice done" role="status" id="unsubscribe-done">${t(state.done ? "links.unsubscribe.done" : "links.unsubscribe.already", { network: view.networkName })}</p>
<p class="hint">${t("links.unsubscribe.again")}</p>`
    : html`<h1>${title}</h1>
<p>${t("links.unsubscribe.intro", { network: view.networkName })}</p>
${view.email ? html`<p>${t("links.unsubscribe.address", { email: view.email })}</p>` : ""}
<form method="post" class="link-form">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit" class="primary">${t("links.unsubscribe.button")}</button>
</form>`;
  return linkPage(locale, title, body);
}
