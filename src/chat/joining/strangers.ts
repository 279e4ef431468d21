import type { UseCases } from "../../core/use-cases.js";
import { requestToJoin, type Guest } from "../../core/joining/request-join.js";
import type { ChatActorResolution } from "../../core/members/actor-lookup.js";
import { translator, type Locale, type Translate } from "../../i18n/index.js";
import { formFailure, failureReply } from "../failures.js";
import { reply, textMessage, type ChatEffect, type ChatMessage } from "../message.js";
import { formValues } from "../members/profile.js";
import { JOIN_ACTION, JOIN_FIELDS, JOIN_FORM_ID, joinForm } from "./join-form.js";

/** Whoever is not a member here: someone unknown in a bound workspace, or anyone in an unbound one. */
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

const JOIN_WORDS = new Set(["aanmelden", "aanmelding", "join", "lid-worden"]);

/**
 * The one answer for strangers (`locale`: the platform's language for them, else the
 * deployment's). An unbound workspace hears what the bot is and why it does nothing there, and
 * nothing else: no data, no offer to join. Someone unknown in a bound workspace is offered to
 * join ("aanmelden"), whatever they asked, and can send the form.
 */
export async function answerStranger(core: UseCases, stranger: Stranger, locale: Locale, turn: StrangerTurn): Promise<StrangerAnswer> {
  const t = translator(locale);
  const answer = (effects: ChatEffect[], answersForm = false) => ({ effects, locale, answersForm });
  if (stranger.kind === "unbound") return answer([reply(textMessage(t("joining.unbound")))]);

  if (turn.kind === "form" && turn.formId === JOIN_FORM_ID) return answer(...(await submitJoin(core, stranger, locale, t, turn.values)));
  const asksToJoin = (turn.kind === "text" && JOIN_WORDS.has(turn.text.trim().toLowerCase())) || (turn.kind === "action" && turn.action === JOIN_ACTION);
  if (!asksToJoin) return answer([reply(joinOffer(t, stranger))]);
  if (!stranger.email) return answer([reply(textMessage(t("joining.noEmail")))]);
  return answer([{ type: "openForm", form: joinForm(t, stranger) }]);
}

async function submitJoin(core: UseCases, guest: Guest, locale: Locale, t: Translate, values: Record<string, unknown>): Promise<[ChatEffect[], boolean]> {
  const result = await core.run(requestToJoin, guest, locale, formValues(values, JOIN_FIELDS));
  if (!result.ok) return result.error.reason === "invalid" ? [formFailure({ t }, result.error, joinForm(t, guest)), true] : [failureReply({ t }, result.error), false];
  const key = result.value.alreadyPending ? "joining.pending" : "joining.sent";
  return [[reply(textMessage(t(key, { network: result.value.networkName })))], true];
}

/** "I don't know you yet", and how to join the network(s) this workspace serves. */
function joinOffer(t: Translate, guest: Guest): ChatMessage {
  const names = guest.networks.map((n) => n.name);
  const offer = names.length === 1 ? t("joining.offer", { network: names[0]! }) : t("joining.offer.several", { networks: names.join(", ") });
  const unknown = t("error.unknownPerson");
  return {
    summary: `${unknown} ${offer}`,
    blocks: [
      { type: "text", text: unknown },
      { type: "text", text: offer },
      { type: "actions", buttons: [{ action: JOIN_ACTION, label: t("joining.button.join"), value: "", style: "primary" }] },
    ],
  };
}
