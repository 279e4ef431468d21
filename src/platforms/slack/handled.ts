import type { ChatContext } from "../../chat/context.js";
import { unexpectedErrorEffects } from "../../chat/conversation.js";
import type { ChatEffect, ChatMessage } from "../../chat/message.js";
import type { Locale } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { commandsHandled } from "../../observability/metrics.js";

export interface Answer {
  effects: ChatEffect[];
  locale: Locale;
  ctx?: ChatContext;
  /** Without ctx (a stranger): whether the effects answer the form, or explain why it cannot be. */
  answersForm?: boolean;
}

/**
 * The one place where the unexpected is turned into an answer: the error is logged with what
 * was being handled, and the person gets the "something went wrong on our side" reply.
 */
export async function answerSafely(logger: Logger, kind: string, fallbackLocale: Locale, work: () => Promise<Answer>): Promise<Answer> {
  try {
    const answer = await work();
    commandsHandled.inc({ platform: "SLACK", kind, outcome: "ok" });
    return answer;
  } catch (error) {
    commandsHandled.inc({ platform: "SLACK", kind, outcome: "error" });
    logger.error({ err: error, kind }, "Slack: onverwachte fout bij afhandelen");
    return { effects: unexpectedErrorEffects(fallbackLocale), locale: fallbackLocale };
  }
}

/** The reply for something that went wrong on our side, in the person's language. */
export function apology(locale: Locale): ChatMessage {
  const [effect] = unexpectedErrorEffects(locale);
  if (effect?.type !== "reply") throw new Error("unexpectedErrorEffects must be a reply");
  return effect.message;
}

/** Rendering failed half-way (Slack API error): log it and tell the person if we still can. */
export async function renderSafely(logger: Logger, kind: string, render: () => Promise<void>, apologise: () => Promise<void>): Promise<void> {
  try {
    await render();
  } catch (error) {
    logger.error({ err: error, kind }, "Slack: antwoord kon niet worden getoond");
    try {
      await apologise();
    } catch (second) {
      logger.error({ err: second, kind }, "Slack: ook de foutmelding kon niet worden getoond");
    }
  }
}
