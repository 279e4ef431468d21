import { isCoordinator, type Actor } from "../core/actor.js";
import type { ChatPlatform } from "../core/platforms.js";
import type { UseCases } from "../core/use-cases.js";
import { translator, type Locale, type Translate } from "../i18n/index.js";
import { NO_WEB_LINKS, type WebLinks } from "../shared/web-links.js";

/**
 * What the chat layer is given at start, the same for every channel: core's use cases (never
 * the database handle) and the web links for dashboard buttons and chart images.
 */
export interface ChatServices {
  core: UseCases;
  links: WebLinks;
}

/** Everything a command, action or form handler needs to answer one person. */
export interface ChatContext {
  /** Runs a core use case: `ctx.core.run(submitReport, ctx.actor, raw)`; `ctx.core.now()` is the clock. */
  core: UseCases;
  links: WebLinks;
  actor: Actor;
  locale: Locale;
  t: Translate;
  platform: ChatPlatform;
}

export function chatContext(services: ChatServices, actor: Actor, platform: ChatPlatform): ChatContext {
  return { core: services.core, links: services.links, actor, locale: actor.locale, t: translator(actor.locale, isCoordinator(actor) ? "coordinator" : "member"), platform };
}

/** Services without web links (no address known): the dashboard command says it is not available. */
export function chatServices(core: UseCases, links: WebLinks = NO_WEB_LINKS): ChatServices {
  return { core, links };
}
