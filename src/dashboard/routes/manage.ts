import type { Request, Response } from "express";
import { isCoordinator } from "../../core/actor.js";
import type { UserError } from "../../core/result.js";
import type { MessageKey } from "../../i18n/index.js";
import { messagePage } from "../pages/layout.js";
import { formErrors, type FormValues } from "../pages/form-fields.js";
import { pageContext, viewer } from "../session.js";

/**
 * Shared by the employer and people pages. Core decides who may do what; this only keeps a
 * member's browser from being shown a form it could not use, with the same 404 as anything
 * that does not exist.
 */
export function coordinatorOnly(res: Response): boolean {
  if (isCoordinator(viewer(res))) return true;
  const { t, locale } = pageContext(res);
  res.status(404).type("html").send(messagePage(t, locale, t("error.notFound")));
  return false;
}

/** Only the form's own fields go to core: never the form token or anything else posted along. */
export function posted(req: Request, ids: string[]): FormValues {
  const body = (req.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(ids.filter((id) => id in body).map((id) => [id, body[id]]));
}

/** After a change, the page it redirects to names what happened (by key, never by echoed text). */
export function doneNotice(res: Response, req: Request, keys: Record<string, MessageKey>): string | null {
  const key = typeof req.query.done === "string" ? keys[req.query.done] : undefined;
  return key ? pageContext(res).t(key) : null;
}

export function failedForm(res: Response, error: UserError, values: FormValues, fieldIds: string[]) {
  const { fields, general } = formErrors(pageContext(res).t, error, fieldIds);
  return { values, errors: fields, general };
}

/** 400 for input to correct, 409 for a conflict with what is there (a taken name, the last coordinator). */
export const formStatus = (error: UserError) => (error.reason === "conflict" ? 409 : 400);

export const emptyForm = (values: FormValues = {}) => ({ values, errors: {}, general: null });
