import express, { type Response, type Router } from "express";
import { campaignSettings, setCampaignSettings } from "../../core/campaigns/settings.js";
import type { CoreDeps } from "../../core/deps.js";
import { settingsPage, settingsValues, SETTINGS_FIELDS, SETTINGS_PATH, type SettingsFormState } from "../pages/settings.js";
import type { DashboardOptions } from "../routes.js";
import { answered, pageContext, viewer } from "../session.js";
import { coordinatorOnly, doneNotice, emptyForm, failedForm, formStatus, posted } from "./manage.js";

/** Coordinators: when the quarterly period opens, reminds and closes. */
export function settingsRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(SETTINGS_PATH, async (req, res) => {
    await show(deps, res, null, doneNotice(res, req, { saved: "settings.saved", unchanged: "settings.unchanged" }));
  });

  router.post(SETTINGS_PATH, async (req, res) => {
    const values = posted(req, SETTINGS_FIELDS);
    const result = await setCampaignSettings(deps, viewer(res), values);
    if (result.ok) return res.redirect(303, `${SETTINGS_PATH}?done=${result.value.changed.length ? "saved" : "unchanged"}`);
    if (result.error.reason === "notAllowed") return answered(res, result);
    await show(deps, res, { status: formStatus(result.error), ...failedForm(res, result.error, values, SETTINGS_FIELDS) }, null);
  });

  return router;
}

async function show(deps: CoreDeps, res: Response, failed: (SettingsFormState & { status: number }) | null, done: string | null): Promise<void> {
  if (!coordinatorOnly(res)) return;
  const current = await campaignSettings(deps, viewer(res));
  if (!answered(res, current)) return;
  const state = failed ?? emptyForm(settingsValues(current.value));
  res.status(failed?.status ?? 200).type("html").send(settingsPage(pageContext(res), current.value, state, done, deps.now()));
}
