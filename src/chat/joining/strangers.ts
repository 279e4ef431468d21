import type { ChatActorResolution } from "../../core/members/actor-lookup.js";
import type { CoreDeps } from "../../core/deps.js";
import { translator, type Locale } from "../../i18n/index.js";
import { reply, textMessage, type ChatEffect } from "../message.js";

/** Whoever is not a member here (`locale`: the platform's language for them, else the deployment's): someone unknown in a bound workspace, or anyone in an unbound one. */
export type Stranger = Exclude<ChatActorResolution, { kind: "member" }>;

/** What a stranger did: typed a command, pressed a button, sent a form, opened the home tab. */
export type StrangerTurn =
  | { kind: "text"; text: string }
  | { kind: "action"; action: string; value: string }
  | { kind: "form"; formId: string; values: Record<string, unknown>; context?: string }
  | { kind: "home" };

export interface StrangerAnswer {
  effects: ChatEffect[];
  locale: Locale;
  /** The effects answer a form (it may close); false: they explain why it cannot be answered. */
  answersForm: boolean;
}

/**
 * The one answer for strangers. An unbound workspace hears what the bot is and why it does
 * nothing there, and nothing else: no data, no offer to join.
 */
export async function answerStranger(_deps: CoreDeps, stranger: Stranger, locale: Locale, _turn: StrangerTurn): Promise<StrangerAnswer> {
  const t = translator(locale);
  if (stranger.kind === "unbound") return { effects: [reply(textMessage(t("joining.unbound")))], locale, answersForm: false };
  return { effects: [reply(textMessage(t("error.unknownPerson")))], locale, answersForm: false };
}
