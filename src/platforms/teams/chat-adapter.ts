import type { ChatAdapter } from "../../chat/adapter.js";
import type { Conversation } from "../../chat/turn.js";
import type { ChatServices } from "../../chat/context.js";
import type { CoreDeps } from "../../core/deps.js";
import { translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { localeOf } from "./activity.js";
import type { AdaptiveCard } from "./cards.js";
import { applyEffects, openFormCard, type Origin, type TeamsTurn } from "./effects.js";
import { teamsCopyWriter } from "./announcements.js";
import { resolveActor } from "./identity.js";

/** One Teams activity and what it was: a typed command, a button, or a submitted form card. */
export interface TeamsSurface {
  turn: TeamsTurn;
  origin: Origin;
}

export interface TeamsAdapterEnv {
  deps: CoreDeps;
  chat: ChatServices;
  logger: Logger;
  /** No platform configured: the Bot Framework Emulator may act as a demo person. */
  demoMode: boolean;
  /** The conversation every turn runs (default: the chat layer); the contract test passes fixed replies. */
  conversation?: Conversation;
}

/**
 * Teams on the one ChatAdapter contract. Rendering returns the card that replaces the one the
 * person acted on (the invoke answer of a Universal Action), if any.
 */
export function teamsAdapter(env: TeamsAdapterEnv): ChatAdapter<TeamsSurface, AdaptiveCard | undefined> {
  return {
    platform: "TEAMS",
    chat: env.chat,
    logger: env.logger,
    identify: ({ turn }) => resolveActor(turn.context, turn.activity, env.deps, env.logger, env.demoMode),
    fallbackLocale: ({ turn }) => localeOf(turn.activity),
    render({ turn, origin }, answer) {
      turn.t = translator(answer.locale);
      // The unknown person and the apology answer nothing in particular: never in place of a form.
      return applyEffects(turn, answer.effects, answer.standalone ? "text" : origin, answer.ctx, teamsCopyWriter(turn));
    },
    openForm: ({ turn }, form, locale) => openFormCard(turn, form, translator(locale)),
    copyWriter: ({ turn }) => teamsCopyWriter(turn),
  };
}
