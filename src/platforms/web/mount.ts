import type { Express } from "express";
import type { ChatServices } from "../../chat/context.js";
import type { Conversation } from "../../chat/turn.js";
import type { Config } from "../../config.js";
import type { CoreDeps } from "../../core/deps.js";
import { mountDashboard } from "../../dashboard/index.js";
import type { Logger } from "../../logger.js";
import { playgroundRouter } from "./playground-router.js";
import { linkFormsRouter } from "../web-forms/router.js";
import type { WorkInFlight } from "../work-in-flight.js";

/**
 * The web surfaces: the dashboard always, the playground only in demo mode. Choosing who you
 * are in the playground would be an open door once Slack or Teams carry real people, so then
 * it is simply not mounted.
 */
export function mountWebSurfaces(app: Express, { config, deps, chat, logger, requests, conversation }: { config: Config; deps: CoreDeps; chat: ChatServices; logger: Logger; requests?: WorkInFlight; conversation?: Conversation }): void {
  const defaultLocale = config.env.DEFAULT_LOCALE;
  mountDashboard(app, {
    deps,
    links: chat.links,
    logger,
    defaultLocale,
    adminToken: config.env.ADMIN_TOKEN,
    secureCookies: config.env.PUBLIC_URL?.startsWith("https://") ?? false,
    playground: config.demoMode,
  });
  // The forms personal links in e-mails open: always mounted, a link is its own proof.
  app.use(linkFormsRouter({ deps, logger, defaultLocale }));
  if (config.demoMode) app.use(playgroundRouter({ deps, chat, logger, defaultLocale, requests, conversation }));
}

/** Called once the server listens, when its address is known. */
export function announceWebSurfaces(config: Config, logger: Logger, localUrl: string): void {
  if (!config.demoMode) return;
  logger.info(
    `Speeltuin: open ${localUrl} — kies "Joost Bakker" en typ "rapporteer" (of klik op een knop); ` +
      `kies "Sanne Coördinator" en typ "status" of "dashboard". Playground: pick "Alex Morgan" for English.`,
  );
}
