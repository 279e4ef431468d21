import express, { type Request, type Response, type Router } from "express";
import { employerCondition } from "../../core/conditions/condition-state.js";
import { archiveEmployer, archiveImpact, restoreEmployer } from "../../core/members/archive-employer.js";
import { createEmployer } from "../../core/members/create-employer.js";
import { updateEmployerProfile, viewEmployerProfile } from "../../core/members/employer-profile.js";
import { listEmployers } from "../../core/members/list-employers.js";
import { listPeople } from "../../core/members/list-people.js";
import type { CoreDeps } from "../../core/deps.js";
import {
  archiveConfirmPage,
  EMPLOYER_FIELD_IDS,
  employerPage,
  employerPath,
  EMPLOYERS_PATH,
  employersPage,
  newEmployerPage,
  profileValues,
} from "../pages/employers.js";
import type { FormValues } from "../pages/form-fields.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";
import { coordinatorOnly, doneNotice, emptyForm, failedForm, formStatus, posted } from "./manage.js";

const doneKeys = {
  created: "dashboard.manage.done.employerCreated",
  saved: "dashboard.manage.done.saved",
  archived: "dashboard.manage.done.archived",
  restored: "dashboard.manage.done.restored",
} as const;

/** Coordinators: list, add, edit, archive and restore employers (the same use cases as chat). */
export function employerRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(EMPLOYERS_PATH, async (req, res) => {
    const term = typeof req.query.q === "string" ? req.query.q.slice(0, 120) : "";
    const archived = req.query.archived === "1";
    const result = await listEmployers(deps, viewer(res), { term: term || undefined, archived });
    if (!answered(res, result)) return;
    res.type("html").send(employersPage(pageContext(res), result.value, { term, archived }, doneNotice(res, req, doneKeys)));
  });

  router.get(`${EMPLOYERS_PATH}/new`, (_req, res) => {
    if (!coordinatorOnly(res)) return;
    res.type("html").send(newEmployerPage(pageContext(res), emptyForm({ inclusionMaturity: 1, ambition: 0 })));
  });

  router.post(`${EMPLOYERS_PATH}/new`, async (req, res) => {
    const values = employerValues(req);
    const result = await createEmployer(deps, viewer(res), values);
    if (result.ok) return res.redirect(303, `${employerPath(result.value.employerId)}?done=created`);
    if (result.error.reason === "notAllowed") return answered(res, result);
    res.status(formStatus(result.error)).type("html").send(newEmployerPage(pageContext(res), failedForm(res, result.error, values, EMPLOYER_FIELD_IDS)));
  });

  router.get(`${EMPLOYERS_PATH}/:id`, async (req, res) => {
    await showEmployer(deps, req, res, null, doneNotice(res, req, doneKeys));
  });

  router.post(`${EMPLOYERS_PATH}/:id/edit`, async (req, res) => {
    const values = employerValues(req);
    const result = await updateEmployerProfile(deps, viewer(res), { ...values, employerId: req.params.id });
    if (result.ok) return res.redirect(303, `${employerPath(result.value.employerId)}?done=saved`);
    if (result.error.reason === "notAllowed" || result.error.reason === "notFound") return answered(res, result);
    await showEmployer(deps, req, res, { status: formStatus(result.error), ...failedForm(res, result.error, values, EMPLOYER_FIELD_IDS) }, null);
  });

  router.get(`${EMPLOYERS_PATH}/:id/archive`, async (req, res) => {
    const result = await archiveImpact(deps, viewer(res), { employer: req.params.id });
    if (!answered(res, result)) return;
    if (result.value.employer.archivedAt) return res.redirect(303, employerPath(result.value.employer.id));
    res.type("html").send(archiveConfirmPage(pageContext(res), result.value));
  });

  router.post(`${EMPLOYERS_PATH}/:id/archive`, async (req, res) => {
    const result = await archiveEmployer(deps, viewer(res), { employer: req.params.id });
    if (!answered(res, result)) return;
    res.redirect(303, `${EMPLOYERS_PATH}?done=archived`);
  });

  router.post(`${EMPLOYERS_PATH}/:id/restore`, async (req, res) => {
    const result = await restoreEmployer(deps, viewer(res), { employer: req.params.id });
    if (!answered(res, result)) return;
    res.redirect(303, `${employerPath(result.value.id)}?done=restored`);
  });

  return router;
}

/** The posted form; unticked checkboxes are not posted at all, so no offers means "none". */
function employerValues(req: Request): FormValues {
  const values = posted(req, EMPLOYER_FIELD_IDS);
  return { ...values, offers: values.offers ?? [] };
}

type Failed = ReturnType<typeof failedForm> & { status: number };

async function showEmployer(deps: CoreDeps, req: Request, res: Response, failed: Failed | null, done: string | null): Promise<void> {
  const actor = viewer(res);
  if (!coordinatorOnly(res)) return;
  const profile = await viewEmployerProfile(deps, actor, { employerId: req.params.id });
  if (!answered(res, profile)) return;
  const [people, condition] = await Promise.all([listPeople(deps, actor, { employer: profile.value.employerId }), employerCondition(deps, actor, profile.value.employerId)]);
  if (!answered(res, people) || !answered(res, condition)) return;
  const state = failed ?? emptyForm(profileValues(profile.value));
  res.status(failed?.status ?? 200).type("html").send(employerPage(pageContext(res), profile.value, people.value, state, done, condition.value));
}
