import { ActivityTypes, type Activity, type InvokeResponse } from "botbuilder";
import type { TurnInput } from "../../chat/adapter.js";
import { helpMessage } from "../../chat/conversation.js";
import { homeMessage } from "../../chat/home.js";
import { reply } from "../../chat/message.js";
import { runTurn } from "../../chat/turn.js";
import { translator } from "../../i18n/index.js";
import { ACTION_VERB, FORM_VERB, messageCard, type AdaptiveCard } from "./cards.js";
import { cardData, conversationKind, localeOf } from "./activity.js";
import { teamsAdapter, type TeamsAdapterEnv } from "./chat-adapter.js";
import { cardActivity, replacePressedCard, type TeamsTurn } from "./effects.js";
import { formValues } from "./form-inputs.js";
import { forgetConversation, forgetTeam } from "./conversations.js";
import { teamIdOf } from "./remember.js";

const HOME_WORDS = new Set(["home", "start", "thuis"]);

export type HandlerEnv = TeamsAdapterEnv;

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
  const input: TurnInput = HOME_WORDS.has(text.toLowerCase()) ? { kind: "home" } : { kind: "text", text };
  await runTurn(teamsAdapter(env), { turn, origin: "text" }, input, env.conversation);
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
    await runTurn(teamsAdapter(env), { turn, origin: "text" }, { kind: "home" }, async (ctx) => [reply(await homeMessage(ctx)), reply(helpMessage(ctx))]);
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
    return runTurn(teamsAdapter(env), { turn, origin: "form" }, { kind: "form", formId: submitted.formId, values, context: submitted.context }, env.conversation);
  }
  // Anything else is a button; one we cannot read is answered as an unknown action.
  const button = data.success && data.data.verb === ACTION_VERB ? data.data : undefined;
  return runTurn(teamsAdapter(env), { turn, origin: "button" }, { kind: "action", action: button?.action ?? "", value: button?.value ?? "" }, env.conversation);
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
