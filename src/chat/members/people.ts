import { z } from "zod";
import { erasePersonData } from "../../core/members/erase-data.js";
import { listPeople } from "../../core/members/list-people.js";
import { movePerson } from "../../core/members/move-person.js";
import { viewPerson } from "../../core/members/person-details.js";
import { platformName } from "../../core/members/schema.js";
import { unlinkIdentity } from "../../core/members/unlink-identity.js";
import { parseButtonValue } from "../button-value.js";
import type { ChatContext } from "../context.js";
import { failureReply } from "../failures.js";
import { reply, textMessage, type ChatEffect } from "../message.js";
import type { ActionHandler, Command } from "../registry.js";
import { addPersonForm, editPersonForm, personForms } from "./person-form.js";
import {
  personCard,
  personLine,
  PERSON_EDIT_ACTION,
  PERSON_REMOVE_ASK_ACTION,
  PERSON_REMOVE_CANCEL_ACTION,
  PERSON_REMOVE_CONFIRM_ACTION,
  PERSON_UNLINK_ACTION,
  removeConfirmation,
} from "./person-view.js";

export { personForms };

// A chat reply longer than this is not read; the dashboard lists everyone.
const MAX_LISTED = 30;

const verbs: Record<string, "new" | "edit" | "move" | "remove" | "unlink"> = {
  nieuw: "new", new: "new", toevoegen: "new", add: "new",
  wijzig: "edit", bewerk: "edit", edit: "edit",
  verplaats: "move", move: "move",
  verwijder: "remove", remove: "remove",
  ontkoppel: "unlink", unlink: "unlink",
};

const person: Command = {
  name: "persoon",
  aliases: ["person", "nieuw-lid"],
  coordinatorOnly: true,
  help: "members.help.addPerson",
  async run(ctx, args) {
    const [word = "", ...rest] = args.split(/\s+/).filter(Boolean);
    const verb = verbs[word.toLowerCase()];
    const ref = verb ? rest.join(" ") : args.trim();
    if (verb === "new" || (!verb && ref === "")) return [{ type: "openForm", form: addPersonForm(ctx) }];
    if (ref === "") return [reply(textMessage(ctx.t("members.person.usage")))];
    if (verb === "edit") return openEditForm(ctx, ref);
    if (verb === "move") return move(ctx, ref);
    if (verb === "remove") return askToRemove(ctx, ref);
    if (verb === "unlink") return unlinkByCommand(ctx, ref);
    return show(ctx, ref);
  },
};

async function show(ctx: ChatContext, ref: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(viewPerson, ctx.actor, { person: ref });
  if (!result.ok) return failureReply(ctx, result.error);
  return [reply(personCard(ctx, result.value))];
}

async function openEditForm(ctx: ChatContext, ref: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(viewPerson, ctx.actor, { person: ref });
  if (!result.ok) return failureReply(ctx, result.error);
  return [{ type: "openForm", form: editPersonForm(ctx, result.value) }];
}

/** "persoon verplaats joost@… Hengelo Logistiek" or "persoon verplaats Joost naar Hengelo". */
export function parseMove(args: string): { person: string; employer: string } | null {
  const [first = "", ...rest] = args.split(/\s+/);
  const byName = /^(.+?)\s+(?:naar|to)\s+(.+)$/i.exec(args);
  if (first.includes("@")) {
    const employer = rest.join(" ").replace(/^(naar|to)\s+/i, "").trim();
    return employer ? { person: first, employer } : null;
  }
  return byName ? { person: byName[1]!.trim(), employer: byName[2]!.trim() } : null;
}

async function move(ctx: ChatContext, args: string): Promise<ChatEffect[]> {
  const parsed = parseMove(args);
  if (!parsed) return [reply(textMessage(ctx.t("members.person.moveUsage")))];
  const result = await ctx.core.run(movePerson, ctx.actor, parsed);
  if (!result.ok) return failureReply(ctx, result.error);
  const { name, from, to } = result.value;
  return [reply(textMessage(ctx.t("members.person.moved", { name, from: from?.name ?? "—", to: to.name })))];
}

async function askToRemove(ctx: ChatContext, ref: string): Promise<ChatEffect[]> {
  const result = await ctx.core.run(viewPerson, ctx.actor, { person: ref });
  if (!result.ok) return failureReply(ctx, result.error);
  return [reply(removeConfirmation(ctx, result.value))];
}

/** "persoon ontkoppel <wie> [slack|teams]": one matching link goes; several are shown as buttons. */
async function unlinkByCommand(ctx: ChatContext, args: string): Promise<ChatEffect[]> {
  const platformWord = /\s+(slack|teams|web)$/i.exec(args);
  const ref = platformWord ? args.slice(0, platformWord.index) : args;
  const viewed = await ctx.core.run(viewPerson, ctx.actor, { person: ref });
  if (!viewed.ok) return failureReply(ctx, viewed.error);
  const wanted = platformWord?.[1]?.toUpperCase();
  const links = viewed.value.links.filter((l) => !wanted || l.platform === wanted);
  if (links.length !== 1) {
    const notice = ctx.t(links.length ? "members.person.unlinkWhich" : "members.person.noSuchLink");
    return [reply(personCard(ctx, viewed.value, notice))];
  }
  return unlink(ctx, viewed.value.personId, links[0]!.identityId, "reply");
}

async function unlink(ctx: ChatContext, personId: string, identityId: string, how: "reply" | "update"): Promise<ChatEffect[]> {
  const before = await ctx.core.run(viewPerson, ctx.actor, { person: personId });
  const result = await ctx.core.run(unlinkIdentity, ctx.actor, { person: personId, identityId });
  if (!result.ok) return failureReply(ctx, result.error);
  const link = before.ok ? before.value.links.find((l) => l.identityId === identityId) : undefined;
  const notice = ctx.t("members.person.unlinked", { platform: platformName(link?.platform ?? ""), name: result.value.name });
  const message = personCard(ctx, result.value, notice);
  return [how === "reply" ? reply(message) : { type: "update", message }];
}

const people: Command = {
  name: "personen",
  aliases: ["people", "mensen"],
  coordinatorOnly: true,
  help: "members.help.people",
  async run(ctx, args) {
    const result = await ctx.core.run(listPeople, ctx.actor, { term: args || undefined });
    if (!result.ok) return failureReply(ctx, result.error);
    const rows = result.value;
    const title = ctx.t("members.people.title", { count: rows.length });
    const lines = rows.slice(0, MAX_LISTED).map((p) => `• ${personLine(ctx, p)}${p.employer ? ` (${p.employer.name})` : ""}`);
    return [
      reply({
        summary: title,
        blocks: [
          { type: "header", text: title },
          { type: "text", text: lines.join("\n") || ctx.t("members.people.none") },
          ...(rows.length > MAX_LISTED ? [{ type: "context" as const, text: ctx.t("members.people.more", { shown: MAX_LISTED, total: rows.length }) }] : []),
        ],
      }),
    ];
  },
};

const unlinkButton = z.object({ person: z.string().min(1).max(64), identityId: z.string().min(1).max(64) });

const actions: ActionHandler[] = [
  { action: PERSON_EDIT_ACTION, run: openEditForm },
  { action: PERSON_REMOVE_ASK_ACTION, run: askToRemove },
  {
    action: PERSON_REMOVE_CONFIRM_ACTION,
    async run(ctx, value) {
      // Looked up first: after the erasure there is no name left to confirm with.
      const viewed = await ctx.core.run(viewPerson, ctx.actor, { person: value });
      if (!viewed.ok) return failureReply(ctx, viewed.error);
      const result = await ctx.core.run(erasePersonData, ctx.actor, { person: viewed.value.personId });
      if (!result.ok) return failureReply(ctx, result.error);
      return [{ type: "update", message: textMessage(ctx.t("members.person.removed", { name: viewed.value.name })) }];
    },
  },
  {
    action: PERSON_REMOVE_CANCEL_ACTION,
    async run(ctx) {
      return [{ type: "update", message: textMessage(ctx.t("members.erase.cancelled")) }];
    },
  },
  {
    action: PERSON_UNLINK_ACTION,
    async run(ctx, value) {
      const button = parseButtonValue(unlinkButton, value);
      if (!button) return [reply(textMessage(ctx.t("chat.unknownAction")))];
      return unlink(ctx, button.person, button.identityId, "update");
    },
  },
];

export const personCommands: Command[] = [person, people];
export const personActions: ActionHandler[] = actions;
