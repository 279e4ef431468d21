import type { ChatAdapter } from "../../chat/adapter.js";
import type { ChatMessage, Form } from "../../chat/message.js";
import { translator, type Locale } from "../../i18n/index.js";
import { openModal, renderEffects, replyPrivately, type SlackSurface } from "./effects.js";
import { slackCopyWriter } from "./announcements.js";
import { publishHome } from "./listeners/home.js";
import type { SlackListenerDeps } from "./listeners/shared.js";
import { homeView } from "./views.js";

/** One Slack request, as the listener read it from Bolt; the answer's language is added when rendering. */
export interface SlackRequest extends Omit<SlackSurface, "locale" | "timeZone"> {
  /** The language the request itself carries (a modal's metadata), for people not yet known. */
  locale?: Locale;
  /** The button was pressed on the App Home tab: it is rebuilt after the answer. */
  fromHome?: boolean;
  /** The payload did not have the fields we need: the turn is the unexpected, answered with the apology. */
  invalid?: Error;
}

/** Slack on the one ChatAdapter contract: answers through the Web API, response_url and modals. */
export function slackAdapter(d: SlackListenerDeps): ChatAdapter<SlackRequest> {
  const surface = (r: SlackRequest, locale: Locale): SlackSurface => ({ ...r, locale, timeZone: d.timeZone });
  const copyWriter = (r: SlackRequest) => slackCopyWriter(r.client);
  const adapter: ChatAdapter<SlackRequest> = {
    platform: "SLACK",
    chat: d.chat,
    logger: d.logger,
    identify: async (r) => {
      if (r.invalid) throw r.invalid;
      return d.resolveActor(r.client, r.teamId, r.userId);
    },
    fallbackLocale: (r) => r.locale ?? d.defaultLocale,
    copyWriter,
    async render(r, answer) {
      // A standalone answer (the apology, the note to an unknown person) is one private text with
      // nothing after it to save: sent as it is, so its failure is logged once, by the pipeline.
      if (answer.standalone) {
        for (const effect of answer.effects) if (effect.type === "reply") await replyPrivately(surface(r, answer.locale), effect.message, d.logger);
        return;
      }
      const hooks = { announcements: d.announcements, copyWriter: copyWriter(r), logger: d.logger, ctx: answer.ctx, openForm: (form: Form) => adapter.openForm(r, form, answer.locale) };
      await renderEffects(surface(r, answer.locale), answer.effects, hooks);
      if (r.fromHome && answer.ctx) await publishHome(r.client, answer.ctx, r.userId);
    },
    openForm: (r, form, locale) => openModal(surface(r, locale), form, d.logger),
  };
  return adapter;
}

/** The App Home tab: every answer (the member's overview, a stranger's offer to join, the apology) is the tab itself. */
export function slackHomeAdapter(d: SlackListenerDeps): ChatAdapter<SlackRequest> {
  const home = slackAdapter(d);
  return {
    ...home,
    async render(r, answer) {
      const messages = answer.effects.flatMap((e) => (e.type === "reply" ? [e.message] : []));
      const view = answer.ctx || answer.standalone ? messages[0] : strangerHome(answer.locale, messages);
      if (view) await r.client.views.publish({ user_id: r.userId, view: homeView(view) as never });
    },
  };
}

function strangerHome(locale: Locale, messages: ChatMessage[]): ChatMessage {
  const t = translator(locale);
  return { summary: t("slack.home.unknown"), blocks: [{ type: "header", text: t("slack.home.unknown") }, ...messages.flatMap((m) => m.blocks)] };
}
