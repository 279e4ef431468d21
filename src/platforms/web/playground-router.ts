import express, { type Request, type Response, type Router } from "express";
import { fileURLToPath } from "node:url";
import type { ZodType } from "zod";
import type { TurnInput } from "../../chat/adapter.js";
import type { ChatServices } from "../../chat/context.js";
import { runTurn, type Conversation } from "../../chat/turn.js";
import { actorForPerson } from "../../core/members/actor-lookup.js";
import type { CoreDeps } from "../../core/deps.js";
import { webErrorHandler } from "../../dashboard/errors.js";
import { webInbox } from "../../delivery/web-inbox.js";
import { isLocale, translator, type Locale } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { refusedBusy } from "../../observability/metrics.js";
import { WorkInFlight } from "../work-in-flight.js";
import { actionRequest, formRequest, inboxRequest, textRequest } from "./playground-api.js";
import { inboxHtml, playgroundPage } from "./playground-page.js";
import { demoPeople } from "../../core/members/playground-people.js";
import { playgroundAdapter } from "./adapter.js";

export interface PlaygroundOptions {
  deps: CoreDeps;
  chat: ChatServices;
  logger: Logger;
  defaultLocale: Locale;
  /** The instance's chat requests in flight; beyond its limit the playground answers 503 "busy". */
  requests?: WorkInFlight;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
}

const staticDir = fileURLToPath(new URL("./static", import.meta.url));

/**
 * The demo-mode playground: pick a demo person and talk to the same conversation layer Slack
 * and Teams use. Choosing who you are is only acceptable because no real platform is
 * configured; app.ts mounts this router in demo mode only.
 */
export function playgroundRouter(options: PlaygroundOptions): Router {
  const { deps, logger, defaultLocale } = options;
  const requests = options.requests ?? new WorkInFlight();
  const router = express.Router();
  const json = express.json({ limit: "64kb" });

  router.use("/playground/static", express.static(staticDir));

  router.get("/", async (req, res) => {
    const locale = isLocale(req.query.lang) ? req.query.lang : defaultLocale;
    // The dashboard's policy (src/http/security-headers.ts), plus data: images for files the bot "sends".
    res.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
    res.type("html").send(playgroundPage(translator(locale), locale, await demoPeople(deps.db)));
  });

  const adapter = playgroundAdapter(options.chat, logger);
  const converse = <T extends { personId: string }>(schema: ZodType<T>, input: (body: T) => TurnInput) => {
    const answer = async (req: Request, res: Response) => {
      const body = schema.safeParse(req.body);
      if (!body.success) {
        res.status(400).json({ error: "invalid request" });
        return;
      }
      const actor = await actorForPerson(deps.db, body.data.personId);
      if (!actor) {
        res.status(404).json({ error: translator(defaultLocale)("playground.unknownPerson") });
        return;
      }
      res.json({ items: (await runTurn(adapter, { actor }, input(body.data), options.conversation)) ?? [] });
    };
    return async (req: Request, res: Response) => {
      const admitted = requests.tryTrack(() => answer(req, res));
      if (admitted) return void (await admitted);
      refusedBusy.inc({ platform: "WEB" });
      res.status(503).set("Retry-After", "1").json({ error: translator(defaultLocale)("chat.busy") });
    };
  };

  router.post("/playground/text", json, converse(textRequest, (b) => ({ kind: "text", text: b.text })));
  router.post("/playground/action", json, converse(actionRequest, (b) => ({ kind: "action", action: b.action, value: b.value })));
  router.post("/playground/form", json, converse(formRequest, (b) => ({ kind: "form", formId: b.formId, values: b.values, context: b.context || undefined })));

  router.get("/playground/inbox", async (req, res) => {
    const query = inboxRequest.safeParse(req.query);
    const actor = query.success ? await actorForPerson(deps.db, query.data.personId) : null;
    if (!actor) {
      res.status(404).json({ error: translator(defaultLocale)("playground.unknownPerson") });
      return;
    }
    const entries = await webInbox(deps.db, actor.personId);
    res.json({ html: inboxHtml(translator(actor.locale), actor.locale, entries) });
  });

  router.use(webErrorHandler(logger));
  return router;
}
