import express, { type Router } from "express";
import { previewReminders, setCampaignPaused, triggerReminders } from "../../core/campaigns/manage.js";
import { pageContext, answered, viewer } from "../session.js";
import { CAMPAIGN_PATH, campaignPage } from "../pages/campaign.js";
import type { DashboardOptions } from "../routes.js";
import { doneNotice } from "./manage.js";

const doneKeys = {
  sent: "dashboard.actions.campaign.done.sent",
  paused: "dashboard.actions.campaign.done.paused",
  resumed: "dashboard.actions.campaign.done.resumed",
} as const;

/** Coordinators: the reminder campaign (preview, send a round now, pause or resume), the use cases of `herinner` and `campagne`. */
export function campaignRoutes({ deps }: DashboardOptions): Router {
  const router = express.Router();

  router.get(CAMPAIGN_PATH, async (req, res) => {
    const result = await previewReminders(deps, viewer(res));
    if (!answered(res, result)) return;
    res.type("html").send(campaignPage(pageContext(res), result.value, doneNotice(res, req, doneKeys)));
  });

  router.post(`${CAMPAIGN_PATH}/send`, async (_req, res) => {
    const result = await triggerReminders(deps, viewer(res));
    if (!answered(res, result)) return;
    res.redirect(303, `${CAMPAIGN_PATH}?done=sent`);
  });

  for (const [path, paused] of [["pause", true], ["resume", false]] as const) {
    router.post(`${CAMPAIGN_PATH}/${path}`, async (_req, res) => {
      const result = await setCampaignPaused(deps, viewer(res), paused);
      if (!answered(res, result)) return;
      res.redirect(303, `${CAMPAIGN_PATH}?done=${paused ? "paused" : "resumed"}`);
    });
  }

  return router;
}
