import { ActivityTypes, type Activity, type InvokeResponse } from "botbuilder";
import { homeMessage } from "../../chat/home.js";
import { chatContext, type ChatContext } from "../../chat/context.js";
import { handleAction, handleFormSubmit, handleText, helpMessage, unexpectedErrorEffects, unknownPersonEffects } from "../../chat/conversation.js";
import { reply, textMessage, type ChatEffect } from "../../chat/message.js";
import type { CoreDeps } from "../../core/deps.js";
import { translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { commandLatency, commandsHandled } from "../../observability/metrics.js";
import { ACTION_VERB, FORM_VERB, messageCard, type AdaptiveCard } from "./cards.js";
import { cardData, conversationKind, localeOf } from "./activity.js";
import { applyEffects, cardActivity, replacePressedCard, type Origin, type TeamsTurn } from "./effects.js";
import { formValues } from "./form-inputs.js";
import { resolveActor } from "./identity.js";
import { answerStranger, type StrangerTurn } from "../../chat/joining/strangers.js";
import { forgetConversation, forgetTeam } from "./conversations.js";
import { teamIdOf } from "./remember.js";

const HOME_WORDS = new Set(["home", "start", "thuis"]);

export interface HandlerEnv {
  deps: CoreDeps;
  logger: Logger;
  /** No platform configured: the Bot Framework Emulator may act as a demo person. */
  demoMode: boolean;
}

/** A typed command ("rapporteer 3", "@Netwerkbot events"), or an old client's Action.Submit. */
export async function handleMessage(env: HandlerEnv, turn: TeamsTurn): Promise<void> {
  const value: unknown = turn.context.activity.value;
  if (!turn.activity.text?.trim() && value && typeof value === "object") {
    const card = await dispatchCard(env, turn, value);
    if (!card || (turn.activity.replyToId && (await replacePressedCard(turn, card)))) return;
    // No card to replace, or Teams refused: the answer must still reach the person.
    await turn.context.sendActivity(cardActivity(card, card.fallbackText ?? ""));
    return;
  }
  const text = commandText(turn.activity.text ?? "");
  // The personal card is what Slack shows as the App Home tab; Teams has no such tab for bots.
  if (HOME_WORDS.has(text.toLowerCase())) return void (await answer(env, turn, "text", async (ctx) => [reply(await homeMessage(ctx))], { kind: "home" }));
  await answer(env, turn, "text", (ctx) => handleText(ctx, text), { kind: "text", text });
}

/** Universal Actions (`adaptiveCard/action`): buttons and form submits; answered within the invoke. */
export async function handleCardAction(env: HandlerEnv, turn: TeamsTurn): Promise<void> {
  const action: unknown = (turn.context.activity.value as { action?: { data?: unknown } } | undefined)?.action?.data;
  let card: AdaptiveCard | undefined;
  let failed = false;
  try {
    card = await dispatchCard(env, turn, action);
  } catch (error) {
    // Even the apology could not be sent. Without an invoke response the adapter answers 501
    // and Teams shows the person a generic failure, so the invoke is still answered below.
    turn.logger.error({ err: error, activityType: turn.activity.type }, "Teams card action failed");
    failed = true;
  }
  // In a personal chat only one person sees the card: make the replacement stick for them.
  if (card && turn.form && turn.activity.replyToId && conversationKind(turn.activity) === "personal") await replacePressedCard(turn, card);
  const body = card
    ? { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card }
    : { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: failed ? turn.t("error.unexpected") : (turn.firstReply ?? turn.t("teams.action.done")) };
  const response: InvokeResponse = { status: 200, body };
  await turn.context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}

/** The bot was added to a personal chat, group chat or team. */
export async function handleInstall(env: HandlerEnv, turn: TeamsTurn): Promise<void> {
  const { membersAdded = [], recipient } = turn.context.activity;
  if (!membersAdded.some((m) => m.id === recipient.id)) return;
  if (conversationKind(turn.activity) === "personal") {
    await answer(env, turn, "text", async (ctx) => [reply(await homeMessage(ctx)), reply(helpMessage(ctx))], { kind: "home" });
    return;
  }
  const t = translator(localeOf(turn.activity));
  const welcome = messageCard({
    summary: t("teams.welcome.title"),
    blocks: [
      { type: "header", text: t("teams.welcome.title") },
      { type: "text", text: t("teams.welcome.channel") },
    ],
  });
  await turn.context.sendActivity(cardActivity(welcome, t("teams.welcome.title")));
}

/**
 * The bot was removed (uninstalled from a chat, removed from a team) or its team was deleted:
 * forget the references, for a team those of all its channels and threads.
 */
export async function handleUninstall(env: HandlerEnv, turn: TeamsTurn): Promise<void> {
  if (!removesBot(turn.context.activity)) return;
  const conversationId = turn.activity.conversation.id;
  const teamId = teamIdOf(turn.activity);
  const forgotten = teamId ? await forgetTeam(env.deps.db, teamId, conversationId) : await forgetConversation(env.deps.db, conversationId);
  turn.logger.info({ conversationId, teamId, forgotten }, "Teams: bot removed, conversation references forgotten");
}

const TEAM_GONE_EVENTS = new Set(["teamDeleted", "teamHardDeleted"]);

/** Whether this activity takes the bot out of its conversation, or its whole team away. */
export function removesBot(activity: Partial<Activity>): boolean {
  const { type, membersRemoved = [], recipient, action } = activity;
  if (type === ActivityTypes.InstallationUpdate) return action === "remove";
  if (type !== ActivityTypes.ConversationUpdate) return false;
  const eventType: unknown = (activity.channelData as { eventType?: unknown } | undefined)?.eventType;
  return membersRemoved.some((m) => m.id === recipient?.id) || (typeof eventType === "string" && TEAM_GONE_EVENTS.has(eventType));
}

async function dispatchCard(env: HandlerEnv, turn: TeamsTurn, raw: unknown): Promise<AdaptiveCard | undefined> {
  const data = cardData.safeParse(raw);
  if (data.success && data.data.verb === FORM_VERB) {
    const submitted = data.data;
    const values = formValues(submitted.form, submitted as Record<string, unknown>);
    turn.form = { form: { ...submitted.form, context: submitted.context }, values };
    const stranger: StrangerTurn = { kind: "form", formId: submitted.formId, values, context: submitted.context };
    return answer(env, turn, "form", (ctx) => handleFormSubmit(ctx, submitted.formId, values, submitted.context), stranger);
  }
  const button = data.success && data.data.verb === ACTION_VERB ? data.data : undefined;
  return answer(
    env,
    turn,
    "button",
    async (ctx) => (button ? handleAction(ctx, button.action, button.value) : [reply(textMessage(ctx.t("chat.unknownAction")))]),
    { kind: "action", action: button?.action ?? "", value: button?.value ?? "" },
  );
}

/** What Slack's listeners count as: a typed command, a button, a form, the personal card. */
type HandledKind = "command" | "action" | "form" | "home";
const HANDLED_KIND: Record<StrangerTurn["kind"], HandledKind> = { text: "command", action: "action", form: "form", home: "home" };

/**
 * Resolves the person, runs the chat layer and renders its effects. The one place where the
 * unexpected is caught for Teams: it is logged and the person gets the generic apology. Counted
 * and timed under the same names and labels as Slack's, so one dashboard covers both.
 */
async function answer(env: HandlerEnv, turn: TeamsTurn, origin: Origin, work: (ctx: ChatContext) => Promise<ChatEffect[]>, stranger: StrangerTurn): Promise<AdaptiveCard | undefined> {
  const kind = HANDLED_KIND[stranger.kind];
  const stopTimer = kind === "command" ? commandLatency.startTimer({ platform: "TEAMS" }) : undefined;
  try {
    const { card, outcome } = await answerTurn(env, turn, origin, work, stranger);
    commandsHandled.inc({ platform: "TEAMS", kind, outcome });
    return card;
  } finally {
    stopTimer?.();
  }
}

async function answerTurn(env: HandlerEnv, turn: TeamsTurn, origin: Origin, work: (ctx: ChatContext) => Promise<ChatEffect[]>, stranger: StrangerTurn): Promise<{ card: AdaptiveCard | undefined; outcome: "ok" | "error" }> {
  let locale = localeOf(turn.activity);
  turn.t = translator(locale);
  try {
    const resolved = await resolveActor(turn.context, turn.activity, env.deps, env.logger, env.demoMode);
    if (!resolved) return { card: await applyEffects(turn, unknownPersonEffects(locale), "text"), outcome: "ok" };
    if (resolved.kind !== "member") {
      const answered = await answerStranger(env.deps, resolved, locale, stranger);
      turn.t = translator(answered.locale);
      return { card: await applyEffects(turn, answered.effects, origin), outcome: "ok" };
    }
    const actor = resolved.actor;
    locale = actor.locale;
    turn.t = translator(locale);
    const ctx = chatContext(env.deps, actor, "TEAMS");
    return { card: await applyEffects(turn, await work(ctx), origin, ctx), outcome: "ok" };
  } catch (error) {
    env.logger.error({ err: error, activityType: turn.activity.type, origin }, "Teams request failed");
    return { card: await applyEffects(turn, unexpectedErrorEffects(locale), "text"), outcome: "error" };
  }
}

/**
 * The command words of a message: a leading mention of the bot (if teams-ai left one), other
 * mentions reduced to the name, HTML entities decoded and a leading slash removed.
 */
export function commandText(text: string): string {
  return text
    .replace(/^\s*<at>[^<]*<\/at>/, " ")
    .replace(/<at>([^<]*)<\/at>/g, "$1")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim()
    .replace(/^\//, "");
}
