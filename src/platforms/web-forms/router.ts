import express, { type Request, type Response, type Router } from "express";
import type { CoreDeps } from "../../core/deps.js";
import { reportLinkForm, respondByLink, rsvpAnswerWord, rsvpLinkPage, submitReportByLink, unsubscribeByLink, unsubscribePage, verifyLink } from "../../core/links/index.js";
import type { Result, UserError } from "../../core/result.js";
import { sameOriginOnly } from "../../dashboard/csrf.js";
import { webErrorHandler } from "../../dashboard/errors.js";
import type { Locale, Message } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { problemPage, reportPage, rsvpPage, unsubscribePageHtml } from "./pages.js";

export interface LinkFormsOptions {
  deps: CoreDeps;
  logger: Logger;
  defaultLocale: Locale;
}

// Link problems are answered in the network's language: an unknown token names no person.
const STATUS: Partial<Record<string, number>> = { "links.invalid": 404, "links.expired": 410, "links.revoked": 410, "links.alreadySent": 409 };

/**
 * /link/<token>: the small forms personal links in e-mails open. Opening a link never changes
 * anything (mail scanners open every link); only a form sent from the page does, and only from
 * this site (Sec-Fetch-Site / Origin). The token in the address is the proof of who it is for.
 */
export function linkFormsRouter(options: LinkFormsOptions): Router {
  const router = express.Router();
  router.use("/link", (_req, res, next) => {
    // The token is in the address: no cache, no referrer, no search engine may keep it.
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" });
    next();
  });
  router.use("/link", sameOriginOnly);
  router.get("/link/:token", async (req, res) => {
    const link = await verifyLink(options.deps, req.params.token);
    if (!link.ok) return problem(res, options, link.error);
    if (link.value.purpose === "REPORT") return answer(res, await reportLinkForm(options.deps, req.params.token), options, (form) => reportPage(form));
    const chosen = rsvpAnswerWord.safeParse(req.query.antwoord);
    return answer(res, await rsvpLinkPage(options.deps, req.params.token), options, (view) => rsvpPage(view, { chosen: chosen.success ? chosen.data : undefined }));
  });
  // Two short numbers and a remark of at most 500 characters; anything much larger is not our form.
  router.post("/link/:token", express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 10 }), async (req, res) => {
    const link = await verifyLink(options.deps, req.params.token);
    if (!link.ok) return problem(res, options, link.error);
    if (link.value.purpose === "REPORT") return sendReport(req, res, options);
    return sendRsvp(req, res, options);
  });
  router.use("/link", webErrorHandler(options.logger));
  unsubscribeRoutes(router, options);
  return router;
}

/**
 * /afmelden/<token>: one-click unsubscribe from campaign e-mail (RFC 8058). The mail provider
 * POSTs "List-Unsubscribe=One-Click" from its own servers, without cookies or an Origin of ours,
 * so unlike /link this POST is taken from anywhere: the token is the proof, and all it can do is
 * turn campaign mail off. The GET page asks first, with a button that posts the same.
 */
function unsubscribeRoutes(router: Router, options: LinkFormsOptions): void {
  router.use("/afmelden", (_req, res, next) => {
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" });
    next();
  });
  router.get("/afmelden/:token", async (req, res) => answer(res, await unsubscribePage(options.deps, req.params.token), options, (view) => unsubscribePageHtml(view)));
  // The body is one short field (RFC 8058 §3.1); its content is not needed.
  router.post("/afmelden/:token", express.urlencoded({ extended: false, limit: "1kb", parameterLimit: 5 }), async (req, res) =>
    answer(res, await unsubscribeByLink(options.deps, req.params.token), options, (view) => unsubscribePageHtml(view, { done: true })),
  );
  router.use("/afmelden", webErrorHandler(options.logger));
}

async function sendReport(req: Request, res: Response, options: LinkFormsOptions) {
  const token = req.params.token;
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sent = await submitReportByLink(options.deps, token, body);
  const form = await reportLinkForm(options.deps, token);
  if (!form.ok) return problem(res, options, form.error);
  if (sent.ok) {
    const { report, employerName } = sent.value;
    const params = { employer: employerName, realised: report.realised, ambition: report.ambition, quarter: report.label, version: report.version };
    return res.send(reportPage(form.value, { done: { key: report.corrected ? "links.report.corrected" : "links.report.saved", params } }));
  }
  const values = { realised: text(body.realised), ambition: text(body.ambition), remark: text(body.remark) };
  if (sent.error.fields && !sent.error.fields.send) return res.status(422).send(reportPage(form.value, { values, errors: sent.error.fields }));
  return res.status(STATUS[sent.error.key] ?? 409).send(reportPage(form.value, { refusal: sent.error }));
}

async function sendRsvp(req: Request, res: Response, options: LinkFormsOptions) {
  const token = req.params.token;
  const sent = await respondByLink(options.deps, token, req.body ?? {});
  const view = await rsvpLinkPage(options.deps, token);
  if (!view.ok) return problem(res, options, view.error);
  if (!sent.ok) return res.status(STATUS[sent.error.key] ?? (sent.error.reason === "invalid" ? 422 : 409)).send(rsvpPage(view.value, { refusal: sent.error }));
  const { outcome } = sent.value;
  const done: Message = outcome.waitlisted
    ? { key: "links.rsvp.waitlisted" as const, params: { title: outcome.title, position: outcome.position ?? 1 } }
    : { key: `links.rsvp.saved.${outcome.response}` as const, params: { title: outcome.title } };
  return res.send(rsvpPage(view.value, { done }));
}

function answer<T>(res: Response, result: Result<T>, options: LinkFormsOptions, render: (value: T) => string) {
  if (!result.ok) return problem(res, options, result.error);
  return res.send(render(result.value));
}

function problem(res: Response, options: LinkFormsOptions, error: UserError) {
  return res.status(STATUS[error.key] ?? 409).send(problemPage(options.defaultLocale, error));
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined);
