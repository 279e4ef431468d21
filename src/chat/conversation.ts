import { isCoordinator } from "../core/actor.js";
import type { ChatContext } from "./context.js";
import { actions, commands, forms } from "./handlers.js";
import { reply, textMessage, type ChatEffect, type ChatMessage } from "./message.js";
import type { Command } from "./registry.js";
import { buildHelp, commandHelp, commandsFor, suggestCommands } from "./help.js";
import { translator, type Locale } from "../i18n/index.js";

// Slack caps slash text at 4,000 characters; anything longer here is not a command.
export const MAX_COMMAND_LENGTH = 2_000;

const commandIndex = new Map<string, Command>();
for (const command of commands) {
  for (const word of [command.name, ...command.aliases]) commandIndex.set(word, command);
}

/** "/netwerk rapporteer 3 ambitie 10" minus the platform prefix: routes to a command. */
export async function handleText(ctx: ChatContext, text: string): Promise<ChatEffect[]> {
  if (text.length > MAX_COMMAND_LENGTH) return [privateText(ctx.t("chat.tooLong", { max: MAX_COMMAND_LENGTH }))];
  const trimmed = text.trim();
  const [word = ""] = trimmed.split(/\s+/, 1);
  const name = word.toLowerCase();
  const rest = trimmed.slice(word.length).trim();
  if (name === "" || name === "help" || name === "hulp" || name === "?") return [reply(rest ? helpFor(ctx, rest) : helpMessage(ctx))];
  const command = commandIndex.get(name);
  if (!command) return [privateText(unknownCommandText(ctx, word))];
  if (command.coordinatorOnly && !isCoordinator(ctx.actor)) {
    return [privateText(ctx.t("chat.coordinatorOnly", { command: command.name }))];
  }
  return command.run(ctx, rest);
}

/** "Bedoel je `rapporteer`?" for a typo, the candidates when several fit, else where to look. */
function unknownCommandText(ctx: ChatContext, word: string): string {
  const command = truncate(word, 40);
  const suggestions = suggestCommands(ctx, word);
  if (suggestions.length === 1) return ctx.t("chat.didYouMean", { command, suggestion: suggestions[0]! });
  if (suggestions.length > 1) return ctx.t("chat.didYouMeanOneOf", { command, suggestions: suggestions.slice(0, 5).map((s) => `\`${s}\``).join(", ") });
  return ctx.t("chat.unknownCommand", { command });
}

/** `help rapporteer`: one command; a coordinator's command is not explained to a member. */
function helpFor(ctx: ChatContext, text: string): ChatMessage {
  const [word = ""] = text.split(/\s+/, 1);
  const command = commandIndex.get(word.toLowerCase());
  if (command && commandsFor(ctx).includes(command)) return commandHelp(ctx, command, word.toLowerCase());
  if (command) return textMessage(ctx.t("chat.coordinatorOnly", { command: command.name }));
  return textMessage(unknownCommandText(ctx, word));
}

/** A button press: `action` is the Button.action, `value` its opaque value. */
export async function handleAction(ctx: ChatContext, action: string, value: string): Promise<ChatEffect[]> {
  const handler = actions.find((a) => a.action === action);
  if (!handler) return [privateText(ctx.t("chat.unknownAction"))];
  return handler.run(ctx, value);
}

export async function handleFormSubmit(
  ctx: ChatContext,
  formId: string,
  values: Record<string, unknown>,
  context?: string,
): Promise<ChatEffect[]> {
  const handler = forms.find((f) => f.id === formId);
  if (!handler) return [privateText(ctx.t("chat.unknownForm"))];
  return handler.submit(ctx, values, context);
}

// The help only depends on the language and the role: built once per pair, shared read-only.
const helpByAudience = new Map<string, ChatMessage>();

export function helpMessage(ctx: ChatContext): ChatMessage {
  const audience = `${ctx.locale}:${ctx.actor.role}`;
  let help = helpByAudience.get(audience);
  if (!help) helpByAudience.set(audience, (help = buildHelp(ctx)));
  return help;
}

/** For people the bot cannot link to a member yet (no identity, no e-mail on file). */
export function unknownPersonEffects(locale: Locale): ChatEffect[] {
  return [privateText(translator(locale)("error.unknownPerson"))];
}

/** The one answer to anything unexpected: adapters log the error and show this. */
export function unexpectedErrorEffects(locale: Locale): ChatEffect[] {
  return [privateText(translator(locale)("error.unexpected"))];
}

function privateText(text: string): ChatEffect {
  return reply(textMessage(text));
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
