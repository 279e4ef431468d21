import express, { type Express } from "express";
import type { OutboxSender } from "../../delivery/sender.js";
import { createTeamsBot, type TeamsBotOptions } from "./bot.js";
import { loopbackServiceUrlOnly } from "./demo-guard.js";
import { BODY_LIMITS } from "../../http/body-limits.js";
import { WorkInFlight } from "../work-in-flight.js";
import { runUnlessBusy } from "./busy.js";
import { createTeamsSender } from "./sender.js";

export interface MountedTeams {
  /** For the outbox worker: proactive delivery through the same adapter and credentials. */
  sender: OutboxSender;
  /** Waits for work turns left running after answering. */
  stop(): Promise<void>;
}

/**
 * `POST /api/messages` (the Bot Framework endpoint) and the short-lived export downloads on
 * the shared HTTP app. Authentication happens in the adapter: without a valid JWT (when an app
 * id is configured) the request is answered 401 before any handler runs. Only demo mode has no
 * app id; its activities must come from (and so are answered to) this machine.
 */
export function mountTeams(app: Express, options: TeamsBotOptions): MountedTeams {
  const bot = createTeamsBot(options);
  const requests = options.requests ?? new WorkInFlight();
  const guards = options.demoMode ? [loopbackServiceUrlOnly(options.logger)] : [];
  app.post("/api/messages", express.json({ limit: BODY_LIMITS.teams }), ...guards, async (req, res) => {
    await bot.adapter.process(req, res, (context) => runUnlessBusy(context, requests, options.env.DEFAULT_LOCALE, () => bot.application.run(context)));
  });
  bot.files.mount(app);
  return {
    sender: createTeamsSender({ adapter: bot.adapter, db: options.deps.db, botAppId: bot.botAppId, logger: options.logger }),
    stop: () => bot.afterwards.settled(),
  };
}
