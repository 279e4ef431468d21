import { CardFactory, MessageFactory, TurnContext, type Activity, type CloudAdapter } from "botbuilder";
import type { ChatContext } from "../../chat/context.js";
import { EVENT_FORM_ID } from "../../chat/events/event-form.js";
import { textMessage, type ChatEffect, type ChatFile, type Form } from "../../chat/message.js";
import type { Db } from "../../db/database.js";
import type { Translate } from "../../i18n/index.js";
import { tenantOf, conversationKind, type TurnActivity } from "./activity.js";
import type { CopyWriter } from "../../chat/events/announcement-copies.js";
import { refreshAllAnnouncements, refreshOtherAnnouncements, rememberTeamsAnnouncement } from "./announcements.js";
import { formCard, messageCard, type AdaptiveCard } from "./cards.js";
import { inPersonalChat } from "./personal-chat.js";
import { isGone, sendFailure, statusOf } from "./send-errors.js";
import type { Logger } from "../../logger.js";
import { FILE_TTL_MINUTES, type FileStore } from "./files.js";
import type { WorkInFlight } from "../work-in-flight.js";

/** One incoming Teams activity, with what rendering its answer needs. */
export interface TeamsTurn {
  context: TurnContext;
  activity: TurnActivity;
  db: Db;
  adapter: CloudAdapter;
  botAppId: string;
  files: FileStore;
  t: Translate;
  logger: Logger;
  /** Work that goes on after the turn has answered (updating other announcement copies). */
  afterwards: WorkInFlight;
  /** The form whose submission this turn carries, to show errors on the same card. */
  form?: { form: Form; values: Record<string, unknown> };
  /** The first private reply of the turn: a button's invoke answer shows it to the presser. */
  firstReply?: string;
}

/** Where the effects came from: a typed command, a button, or a submitted form card. */
export type Origin = "text" | "button" | "form";

/**
 * Renders chat effects to Teams. Returns the card that should replace the card the person
 * acted on (the invoke answer for Universal Actions), if any:
 * - update: the refreshed card, also replaced for everyone in the conversation (and, for an
 *   event announcement, its other copies in the tenant: that needs the person's `ctx`);
 * - formErrors: the same form again, with the typed values and the errors next to the fields;
 * - the first reply to a submitted form: the confirmation in place of the form;
 * - refreshAnnouncements: the event's cards in the tenant, rewritten after the answer.
 * Everything else is sent as a new message. Replies and files are private: in a channel they
 * go to the person's personal chat with the bot (opened if need be); only when Teams refuses
 * that does a reply go into the channel thread (Teams has no ephemeral messages), and a file
 * never does. A form opens in the conversation it was asked for in only when what it announces
 * belongs there (the event form); any other form carries the person's or the employer's data and,
 * asked for in a channel or group chat, opens in the personal chat with a note in the thread.
 * A pressed card that cannot be replaced is logged and the other effects still happen.
 */
export async function applyEffects(turn: TeamsTurn, effects: ChatEffect[], origin: Origin, ctx: ChatContext | undefined, write: CopyWriter): Promise<AdaptiveCard | undefined> {
  let answer: AdaptiveCard | undefined;
  for (const effect of effects) {
    switch (effect.type) {
      case "reply":
        turn.firstReply ??= effect.message.summary;
        if (origin === "form" && !answer) answer = messageCard(effect.message);
        else await sendPrivately(turn, messageCard(effect.message), effect.message.summary);
        break;
      case "post": {
        const sent = await turn.context.sendActivity(cardActivity(messageCard(effect.message), effect.message.summary));
        if (effect.announces && sent?.id) await rememberTeamsAnnouncement(turn, effect.announces.eventId, sent.id);
        break;
      }
      case "update":
        answer = messageCard(effect.message);
        if (!turn.activity.replyToId) await turn.context.sendActivity(cardActivity(answer, effect.message.summary));
        else {
          await replacePressedCard(turn, answer);
          // After the invoke response: the person's 5 s must not wait for other conversations.
          if (ctx) void turn.afterwards.track(refreshOtherAnnouncements(turn, ctx, write, turn.activity.replyToId));
        }
        break;
      case "openForm":
        await openFormCard(turn, effect.form, turn.t);
        break;
      case "formErrors":
        answer = turn.form ? formCard(turn.form.form, turn.t, effect.errors, turn.form.values) : undefined;
        if (!answer) await sendPrivately(turn, messageCard({ summary: Object.values(effect.errors).join(" "), blocks: [{ type: "text", text: Object.values(effect.errors).join("\n") }] }), "");
        break;
      case "file":
        await sendPrivately(turn, await fileCard(turn, effect.file, ctx), effect.file.title, "file");
        break;
      case "refreshAnnouncements":
        // After the answer, like the RSVP refresh: the coordinator must not wait for every channel.
        if (ctx) void turn.afterwards.track(refreshAllAnnouncements(turn, ctx, write, effect.eventId));
        break;
    }
  }
  return answer;
}

export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}

/**
 * Replaces the card the person acted on, for everyone who sees it. Returns false when Teams
 * refused: what the person did is stored and their answer still goes out (the invoke response,
 * the private confirmation), so the failure is logged rather than thrown.
 */
export async function replacePressedCard(turn: TeamsTurn, card: AdaptiveCard): Promise<boolean> {
  try {
    await turn.context.updateActivity({ ...cardActivity(card, card.fallbackText ?? ""), id: turn.activity.replyToId });
    return true;
  } catch (error) {
    const where = { err: error, conversationId: turn.activity.conversation.id, activityId: turn.activity.replyToId, status: statusOf(error) };
    if (isGone(error)) turn.logger.info(where, "Teams: the pressed card is gone and was not replaced");
    else turn.logger.warn(where, "Teams: could not replace the pressed card");
    return false;
  }
}

/** Forms whose submission announces in the conversation: they open where they were asked for. */
const CONVERSATION_FORMS = new Set([EVENT_FORM_ID]);

export async function openFormCard(turn: TeamsTurn, form: Form, t: Translate): Promise<void> {
  const activity = cardActivity(formCard(form, t), form.title);
  if (conversationKind(turn.activity) === "personal" || CONVERSATION_FORMS.has(form.id)) {
    await turn.context.sendActivity(activity);
    return;
  }
  // A pre-filled form shows the employer's figures and plans: never to the whole channel.
  const note = (await inPersonalChatOf(turn, activity)) ? "teams.form.sentPrivately" : "teams.form.personalOnly";
  await turn.context.sendActivity(cardActivity(messageCard(textMessage(t(note))), ""));
}

async function sendPrivately(turn: TeamsTurn, card: AdaptiveCard, summary: string, what: "reply" | "file" = "reply"): Promise<void> {
  const activity = cardActivity(card, summary);
  if (await inPersonalChatOf(turn, activity)) return;
  // An export must never land where the whole channel can open it.
  if (what === "file") await turn.context.sendActivity(cardActivity(messageCard(textMessage(turn.t("teams.file.personalOnly"))), ""));
  else await turn.context.sendActivity(activity);
}

/**
 * Sends to the person's personal chat with the bot (opened if need be); in a personal chat that
 * is this conversation. False when Teams gives no way to reach them privately.
 */
async function inPersonalChatOf(turn: TeamsTurn, activity: Partial<Activity>): Promise<boolean> {
  if (conversationKind(turn.activity) === "personal") {
    await turn.context.sendActivity(activity);
    return true;
  }
  const tenantId = tenantOf(turn.activity);
  const aadObjectId = turn.activity.from.aadObjectId;
  if (!tenantId || !aadObjectId) return false;
  const via = TurnContext.getConversationReference(turn.context.activity);
  const target = { adapter: turn.adapter, db: turn.db, botAppId: turn.botAppId, tenantId, aadObjectId, via };
  try {
    return await inPersonalChat(target, async (context) => void (await context.sendActivity(activity)));
  } catch (error) {
    // 403/404: Teams will not let the bot start a chat with this person (app not installed for them).
    if (!isPermanent(error)) throw error;
    turn.logger.info({ err: error }, "Teams personal chat could not be opened");
    return false;
  }
}

function isPermanent(error: unknown): boolean {
  return sendFailure(error).permanent;
}

async function fileCard(turn: TeamsTurn, file: ChatFile, ctx?: ChatContext): Promise<AdaptiveCard> {
  const url = await turn.files.put(file, ctx ? { personId: ctx.actor.personId, networkId: ctx.actor.networkId } : null);
  return messageCard({
    summary: file.title,
    blocks: [
      { type: "header", text: file.title },
      { type: "context", text: `${file.filename} · ${turn.t("teams.file.expires", { minutes: FILE_TTL_MINUTES })}` },
      { type: "actions", buttons: [{ action: "file.download", label: turn.t("teams.file.download"), value: "", url }] },
    ],
  });
}
