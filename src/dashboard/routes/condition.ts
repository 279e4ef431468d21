import express, { type Response, type Router } from "express";
import { setConditionText } from "../../core/conditions/condition-text.js";
import { viewCondition } from "../../core/conditions/condition-state.js";
import type { CoreDeps } from "../../core/deps.js";
import { listEmployers } from "../../core/members/list-employers.js";
import { conditionPage, CONDITION_PATH, type ConditionFormState } from "../pages/condition.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";
import { coordinatorOnly, doneNotice, emptyForm, failedForm, formStatus, posted } from "./manage.js";

/** Coordinators: the membership condition's text, and a new version of it (the same use case as chat). */
export function conditionRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(CONDITION_PATH, async (req, res) => {
    await show(deps, res, null, doneNotice(res, req, { saved: "dashboard.condition.saved", unchanged: "dashboard.condition.unchanged" }));
  });

  router.post(CONDITION_PATH, async (req, res) => {
    const values = posted(req, ["text"]);
    const result = await setConditionText(deps, viewer(res), values);
    if (result.ok) return res.redirect(303, `${CONDITION_PATH}?done=${result.value.changed ? "saved" : "unchanged"}`);
    if (result.error.reason === "notAllowed") return answered(res, result);
    await show(deps, res, { status: formStatus(result.error), ...failedForm(res, result.error, values, ["text"]) }, null);
  });

  return router;
}

async function show(deps: CoreDeps, res: Response, failed: (ConditionFormState & { status: number }) | null, done: string | null): Promise<void> {
  if (!coordinatorOnly(res)) return;
  const actor = viewer(res);
  const [view, employers] = await Promise.all([viewCondition(deps, actor), listEmployers(deps, actor, {})]);
  if (!answered(res, view) || !answered(res, employers)) return;
  const states = employers.value.employers.flatMap((e) => (e.condition ? [e.condition.status] : []));
  const counts = { met: states.filter((s) => s === "met").length, open: states.filter((s) => s === "open").length };
  const state = failed ?? emptyForm({ text: view.value.confirmation?.text?.text ?? "" });
  res.status(failed?.status ?? 200).type("html").send(conditionPage(pageContext(res), view.value, counts, state, done));
}
