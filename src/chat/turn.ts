import { commandLatency, commandsHandled } from "../observability/metrics.js";
import type { ChatAdapter, TurnAnswer, TurnInput } from "./adapter.js";
import { chatContext, type ChatContext } from "./context.js";
import { handleAction, handleFormSubmit, handleText, unexpectedErrorEffects, unknownPersonEffects } from "./conversation.js";
import { homeMessage } from "./home.js";
import { answerStranger } from "./joining/strangers.js";
import { reply, type ChatEffect } from "./message.js";

/** A member's turn in the chat layer; adapters pass another only for a surface of their own (Teams' install greeting). */
export type Conversation = (ctx: ChatContext, input: TurnInput) => Promise<ChatEffect[]>;

/** What /metrics calls each input, the same on every platform so one dashboard covers them all. */
const HANDLED_KIND: Record<TurnInput["kind"], string> = { text: "command", action: "action", form: "form", home: "home" };

/** The commands, buttons, forms and home surface of the chat layer. */
export const converse: Conversation = async (ctx, input) => {
  switch (input.kind) {
    case "text":
      return handleText(ctx, input.text);
    case "action":
      return handleAction(ctx, input.action, input.value);
    case "form":
      return handleFormSubmit(ctx, input.formId, input.values, input.context);
    case "home":
      return [reply(await homeMessage(ctx))];
  }
};

/**
 * The one turn pipeline, first half: resolve the person, run the conversation (strangers get
 * the joining answer), and turn the unexpected into the apology, logged once with what was
 * handled. Counted and timed here for every platform. Slack calls this half alone when the
 * answer must go back inside its 3 s ack; everything else calls runTurn.
 */
export async function answerTurn<S>(adapter: ChatAdapter<S, unknown>, surface: S, input: TurnInput, conversation: Conversation = converse): Promise<TurnAnswer> {
  const kind = HANDLED_KIND[input.kind];
  const stopTimer = kind === "command" ? commandLatency.startTimer({ platform: adapter.platform }) : undefined;
  let locale = adapter.fallbackLocale(surface);
  try {
    const person = await adapter.identify(surface);
    let answer: TurnAnswer;
    if (!person) answer = { effects: unknownPersonEffects(locale), locale, standalone: true };
    else if (person.kind !== "member") answer = await answerStranger(adapter.chat.core, person, locale, input);
    else {
      locale = person.actor.locale;
      const ctx = chatContext(adapter.chat, person.actor, adapter.platform);
      answer = { effects: await conversation(ctx, input), locale, ctx, actor: person.actor };
    }
    commandsHandled.inc({ platform: adapter.platform, kind, outcome: "ok" });
    return answer;
  } catch (error) {
    commandsHandled.inc({ platform: adapter.platform, kind, outcome: "error" });
    adapter.logger.error({ err: error, platform: adapter.platform, kind }, "Chat: onverwachte fout bij afhandelen");
    return apologyAnswer(locale);
  } finally {
    stopTimer?.();
  }
}

/**
 * Second half: render the answer. Core has saved by now, so a rendering failure (the platform's
 * API refused) is logged and the person gets the apology if the platform still lets us.
 */
export async function renderTurn<S, R>(adapter: ChatAdapter<S, R>, surface: S, answer: TurnAnswer): Promise<R | undefined> {
  try {
    return await adapter.render(surface, answer);
  } catch (error) {
    adapter.logger.error({ err: error, platform: adapter.platform }, "Chat: antwoord kon niet worden getoond");
    try {
      return await adapter.render(surface, apologyAnswer(answer.locale));
    } catch (second) {
      adapter.logger.error({ err: second, platform: adapter.platform }, "Chat: ook de foutmelding kon niet worden getoond");
      return undefined;
    }
  }
}

/** Both halves: what every adapter calls for a request. */
export async function runTurn<S, R>(adapter: ChatAdapter<S, R>, surface: S, input: TurnInput, conversation?: Conversation): Promise<R | undefined> {
  return renderTurn(adapter, surface, await answerTurn(adapter, surface, input, conversation));
}

export function apologyAnswer(locale: TurnAnswer["locale"]): TurnAnswer {
  return { effects: unexpectedErrorEffects(locale), locale, standalone: true };
}
