import { distance } from "fastest-levenshtein";
import { isCoordinator } from "../core/actor.js";
import { catalogue } from "../i18n/catalogue.js";
import type { MessageKey } from "../i18n/index.js";
import type { ChatContext } from "./context.js";
import { commands } from "./handlers.js";
import type { ChatMessage } from "./message.js";
import type { Command } from "./registry.js";

const topics = ["reporting", "events", "network", "you", "admin"] as const;
export type HelpTopic = (typeof topics)[number];

/** Which task each command belongs to in the help; a command missing here is listed under "you". */
export const topicOf: Record<string, HelpTopic> = {
  rapporteer: "reporting", rapportages: "reporting", historie: "reporting", status: "reporting", export: "reporting",
  opmerking: "reporting", herinner: "reporting", campagne: "reporting", mislukt: "reporting", voorwaarde: "reporting", instellingen: "reporting",
  agenda: "events", rsvp: "events", ics: "events", evenement: "events", deelnemers: "events",
  zoek: "network", subgroepen: "network", subgroep: "network", lid: "network", verlaat: "network", contact: "network", dashboard: "network",
  werkgever: "admin", werkgevers: "admin", persoon: "admin", personen: "admin", leden: "admin",
  taal: "you", mijn: "you", gegevens: "you", verwijder: "you", profiel: "you", uitstellen: "you", stille: "you", vermelding: "you", kanaal: "you",
};

/** Only coordinators may run it, or only they are meant to find it in the help. */
const forCoordinators = (c: Command) => c.coordinatorOnly === true || c.listedForCoordinators === true;

/** The commands this person may use: a member never sees a coordinator's command. */
export function commandsFor(ctx: Pick<ChatContext, "actor">): Command[] {
  return isCoordinator(ctx.actor) ? commands : commands.filter((c) => !forCoordinators(c));
}

/** Help lines of a command for this person: the coordinators' extra line only for them. */
function helpLines(ctx: ChatContext, c: Command): string[] {
  const lines = [ctx.t(c.help)];
  if (c.coordinatorHelp && isCoordinator(ctx.actor)) lines.push(ctx.t(c.coordinatorHelp));
  return lines;
}

/** `help`: what this person may do, grouped by task, one line a command. */
export function buildHelp(ctx: ChatContext): ChatMessage {
  const mine = commandsFor(ctx);
  const groups = topics
    .map((topic) => ({ topic, lines: mine.filter((c) => (topicOf[c.name] ?? "you") === topic).flatMap((c) => helpLines(ctx, c)) }))
    .filter((g) => g.lines.length > 0);
  return {
    summary: ctx.t("chat.help.title"),
    blocks: [
      { type: "header", text: ctx.t("chat.help.title") },
      ...groups.map((g) => ({ type: "text" as const, text: [ctx.t(`chat.help.topic.${g.topic}`), ...g.lines.map((l) => `• ${l}`)].join("\n") })),
      { type: "context", text: ctx.t("chat.help.more") },
    ],
  };
}

/** `help rapporteer`: that one command, with examples where the catalogue has them. */
export function commandHelp(ctx: ChatContext, command: Command, typed: string): ChatMessage {
  const examplesKey = `chat.examples.${command.name}`;
  const examples = examplesKey in catalogue[ctx.locale] ? ctx.t(examplesKey as MessageKey) : undefined;
  const words = [command.name, ...command.aliases].filter((w) => w !== typed);
  return {
    summary: ctx.t("chat.help.command.title", { command: typed }),
    blocks: [
      { type: "header", text: ctx.t("chat.help.command.title", { command: typed }) },
      { type: "text", text: helpLines(ctx, command).join("\n") },
      ...(examples ? [{ type: "text" as const, text: `${ctx.t("chat.help.command.examples")}\n${examples}` }] : []),
      ...(words.length ? [{ type: "context" as const, text: ctx.t("chat.help.command.aliases", { aliases: words.join(", ") }) }] : []),
    ],
  };
}

/**
 * The commands someone probably meant by a word the bot does not know: those the word begins
 * (at least three letters: "rappor"), else those within a typo or two (edit distance 1 for
 * short words, 2 from five letters). One word per command, the closest; only commands this
 * person may use.
 */
export function suggestCommands(ctx: Pick<ChatContext, "actor">, typed: string): string[] {
  const word = typed.toLowerCase();
  const candidates = commandsFor(ctx).flatMap((command) => [command.name, ...command.aliases].map((w) => ({ command, w })));
  const byCommand = (list: typeof candidates) => {
    const first = new Map<Command, string>();
    for (const c of list) if (!first.has(c.command)) first.set(c.command, c.w);
    return [...first.values()];
  };
  if (word.length >= 3) {
    const prefixed = candidates.filter((c) => c.w.startsWith(word));
    if (prefixed.length > 0) return byCommand(prefixed);
  }
  const limit = word.length <= 4 ? 1 : 2;
  const scored = candidates.map((c) => ({ ...c, d: distance(word, c.w) })).filter((c) => c.d <= limit);
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((c) => c.d));
  return byCommand(scored.filter((c) => c.d === best));
}
