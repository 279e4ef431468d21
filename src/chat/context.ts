import { isCoordinator, type Actor } from "../core/actor.js";
import type { CoreDeps } from "../core/deps.js";
import type { ChatPlatform } from "../core/members/actor-lookup.js";
import { translator, type Locale, type Translate } from "../i18n/index.js";

/** Everything a command, action or form handler needs to answer one person. */
export interface ChatContext {
  deps: CoreDeps;
  actor: Actor;
  locale: Locale;
  t: Translate;
  platform: ChatPlatform;
}

export function chatContext(deps: CoreDeps, actor: Actor, platform: ChatPlatform): ChatContext {
  return { deps, actor, locale: actor.locale, t: translator(actor.locale, isCoordinator(actor) ? "coordinator" : "member"), platform };
}
