import express, { type Request, type Response, type Router } from "express";
import { addPerson } from "../../core/members/add-person.js";
import type { CoreDeps } from "../../core/deps.js";
import { erasePersonData } from "../../core/members/erase-data.js";
import { listEmployers } from "../../core/members/list-employers.js";
import { listPeople } from "../../core/members/list-people.js";
import { movePerson } from "../../core/members/move-person.js";
import { viewPerson } from "../../core/members/person-details.js";
import { unlinkIdentity } from "../../core/members/unlink-identity.js";
import { updatePerson } from "../../core/members/update-person.js";
import { personDataSpreadsheet } from "../../core/members/person-data-file.js";
import { notFound } from "../../core/result.js";
import {
  detailValues,
  newPersonPage,
  PEOPLE_PATH,
  peoplePage,
  personPage,
  personPath,
  removeConfirmPage,
  unlinkConfirmPage,
} from "../pages/people.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, sendFile, viewer } from "../session.js";
import { coordinatorOnly, doneNotice, emptyForm, failedForm, formStatus, posted } from "./manage.js";

const NEW_FIELDS = ["name", "email", "employer", "function", "jobTitle", "role", "reportingContact"];
const EDIT_FIELDS = ["name", "email", "function", "jobTitle", "role", "reportingContact", "locale"];

const doneKeys = {
  added: "dashboard.manage.done.personAdded",
  saved: "dashboard.manage.done.saved",
  unchanged: "members.person.unchanged",
  unlinkedByEmail: "members.person.savedUnlinked",
  moved: "dashboard.manage.done.moved",
  removed: "dashboard.manage.done.removed",
  unlinked: "dashboard.manage.done.unlinked",
} as const;

/** Coordinators: list, add, edit, move and remove people, and unlink their chat accounts. */
export function peopleRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(PEOPLE_PATH, async (req, res) => {
    const term = typeof req.query.q === "string" ? req.query.q.slice(0, 120) : "";
    const result = await listPeople(deps, viewer(res), { term: term || undefined });
    if (!answered(res, result)) return;
    res.type("html").send(peoplePage(pageContext(res), result.value, term, doneNotice(res, req, doneKeys)));
  });

  router.get(`${PEOPLE_PATH}/new`, (req, res) => {
    if (!coordinatorOnly(res)) return;
    const employer = typeof req.query.employer === "string" ? req.query.employer.slice(0, 120) : "";
    res.type("html").send(newPersonPage(pageContext(res), emptyForm({ employer, function: "OVERIG", role: "MEMBER", reportingContact: "false" })));
  });

  router.post(`${PEOPLE_PATH}/new`, async (req, res) => {
    const values = posted(req, NEW_FIELDS);
    const result = await addPerson(deps, viewer(res), values);
    if (result.ok) return res.redirect(303, `${personPath(result.value.personId)}?done=added`);
    if (result.error.reason === "notAllowed") return answered(res, result);
    res.status(formStatus(result.error)).type("html").send(newPersonPage(pageContext(res), failedForm(res, result.error, values, NEW_FIELDS)));
  });

  // A person's data (AVG request), the file chat's `gegevens <e-mail> [xlsx|json]` gives.
  for (const format of ["csv", "xlsx", "json"] as const) {
    router.get(`${PEOPLE_PATH}/:id/data.${format}`, async (req, res) => {
      if (!coordinatorOnly(res)) return;
      sendFile(res, await personDataSpreadsheet(deps, viewer(res), { person: req.params.id, format }));
    });
  }

  router.get(`${PEOPLE_PATH}/:id`, (req, res) => showPerson(deps, req, res, {}, doneNotice(res, req, doneKeys)));

  router.post(`${PEOPLE_PATH}/:id/edit`, async (req, res) => {
    const values = posted(req, EDIT_FIELDS);
    const result = await updatePerson(deps, viewer(res), { ...values, person: req.params.id });
    if (result.ok) {
      const done = result.value.changed.length === 0 ? "unchanged" : result.value.unlinked ? "unlinkedByEmail" : "saved";
      return res.redirect(303, `${personPath(result.value.person.personId)}?done=${done}`);
    }
    if (result.error.reason === "notAllowed" || result.error.reason === "notFound") return answered(res, result);
    await showPerson(deps, req, res, { status: formStatus(result.error), edit: failedForm(res, result.error, values, EDIT_FIELDS) }, null);
  });

  router.post(`${PEOPLE_PATH}/:id/move`, async (req, res) => {
    const values = posted(req, ["employer"]);
    const result = await movePerson(deps, viewer(res), { ...values, person: req.params.id });
    if (result.ok) return res.redirect(303, `${personPath(result.value.personId)}?done=moved`);
    // An unknown person is a missing page; an unknown or archived employer is an error on the field.
    if (result.error.reason === "notAllowed" || (result.error.reason === "notFound" && !result.error.fields)) return answered(res, result);
    await showPerson(deps, req, res, { status: formStatus(result.error), move: failedForm(res, result.error, values, ["employer"]) }, null);
  });

  router.get(`${PEOPLE_PATH}/:id/remove`, async (req, res) => {
    const result = await viewPerson(deps, viewer(res), { person: req.params.id });
    if (!answered(res, result)) return;
    res.type("html").send(removeConfirmPage(pageContext(res), result.value));
  });

  router.post(`${PEOPLE_PATH}/:id/remove`, async (req, res) => {
    // The person is looked up as a coordinator's request first, so a member's post is refused
    // like a missing page, and erasure's own "your data" path is never taken from here.
    const person = await viewPerson(deps, viewer(res), { person: req.params.id });
    if (!answered(res, person)) return;
    const result = await erasePersonData(deps, viewer(res), { person: person.value.personId });
    if (!answered(res, result)) return;
    res.redirect(303, `${PEOPLE_PATH}?done=removed`);
  });

  router.get(`${PEOPLE_PATH}/:id/links/:identityId/unlink`, async (req, res) => {
    const result = await viewPerson(deps, viewer(res), { person: req.params.id });
    if (!answered(res, result)) return;
    const link = result.value.links.find((l) => l.identityId === req.params.identityId);
    if (!link) return answered(res, notFound());
    res.type("html").send(unlinkConfirmPage(pageContext(res), result.value, link));
  });

  router.post(`${PEOPLE_PATH}/:id/links/:identityId/unlink`, async (req, res) => {
    const result = await unlinkIdentity(deps, viewer(res), { person: req.params.id, identityId: req.params.identityId });
    if (!answered(res, result)) return;
    res.redirect(303, `${personPath(result.value.personId)}?done=unlinked`);
  });

  return router;
}

type Failed = ReturnType<typeof failedForm>;

async function showPerson(deps: CoreDeps, req: Request, res: Response, failed: { status?: number; edit?: Failed; move?: Failed }, done: string | null): Promise<void> {
  const actor = viewer(res);
  const person = await viewPerson(deps, actor, { person: req.params.id });
  if (!answered(res, person)) return;
  const employers = await listEmployers(deps, actor, {});
  if (!answered(res, employers)) return;
  const p = person.value;
  const edit = failed.edit ?? emptyForm(detailValues(p));
  const move = failed.move ?? emptyForm({ employer: p.employer?.id ?? "" });
  res.status(failed.status ?? 200).type("html").send(personPage(pageContext(res), p, employers.value.employers, edit, move, done));
}
