import type { ChatAdapter } from "../../chat/adapter.js";
import type { ChatServices } from "../../chat/context.js";
import type { Actor } from "../../core/actor.js";
import { translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { formItem, renderEffects, type PlaygroundItem } from "./render.js";

/** One playground request: the demo person picked on the page (found before the turn, or 404). */
export interface PlaygroundSurface {
  actor: Actor;
}

/** The web playground on the one ChatAdapter contract: effects become HTML fragments in the answer body. */
export function playgroundAdapter(chat: ChatServices, logger: Logger): ChatAdapter<PlaygroundSurface, PlaygroundItem[]> {
  const adapter: ChatAdapter<PlaygroundSurface, PlaygroundItem[]> = {
    platform: "WEB",
    chat,
    logger,
    identify: async ({ actor }) => ({ kind: "member", actor }),
    fallbackLocale: ({ actor }) => actor.locale,
    render: (surface, answer) => renderEffects(answer.effects, translator(answer.locale), (form) => adapter.openForm(surface, form, answer.locale)),
    openForm: async (_surface, form, locale) => [formItem(form, translator(locale))],
    // The playground posts no announcement copies to rewrite.
    copyWriter: () => undefined,
  };
  return adapter;
}
