import { randomUUID } from "node:crypto";
import { demoEmails } from "../../src/demo/demo-data.js";
import type { FakeBotConnector, RosterMember } from "./fake-bot-connector.js";
import { channelAuthorization } from "./teams-channel-auth.js";

/** Bot Framework activities as Teams sends them, for posting to /api/messages in tests. */
export const tenantId = "tenant-99vandemo";
export const bot = { id: "28:netwerkbot", name: "Netwerkbot" };

/** Activities only need to know where the (fake) Bot Connector listens. */
type ServiceUrl = Pick<FakeBotConnector, "url">;

export type TeamsUserKey = keyof typeof demoEmails | "stranger";

export function teamsUser(key: TeamsUserKey): RosterMember {
  const email = key === "stranger" ? "onbekend@elders.example" : demoEmails[key];
  return { id: `29:${key}`, aadObjectId: `aad-${key}`, name: key, email, userPrincipalName: email };
}

/** Every demo person (and a stranger) in the fake connector's roster. */
export function teamsRoster(): RosterMember[] {
  return [...(Object.keys(demoEmails) as TeamsUserKey[]), "stranger" as const].map(teamsUser);
}

/** The general channel's thread that channel activities (`{ kind: "channel" }`) come from. */
export const channelThread = "19:general@thread.tacv2;messageid=1700000000000";
export const channel: Where = { kind: "channel" };

export interface Where {
  kind: "personal" | "channel" | "groupChat";
  /** The conversation id; defaults to the user's personal chat, the general channel or one group chat. */
  id?: string;
  /** A channel's team (channelData.team.id); defaults to the demo team. */
  team?: string;
}

/**
 * The demo team. As in Teams, its id is the id of its General channel; a message in a channel
 * thread has the channel id followed by ";messageid=<id of the thread's first message>".
 */
export const demoTeam = "19:general@thread.tacv2";

/** A conversation in a channel: the channel itself (installs, removals) or one of its threads. */
export function inChannel(channelId: string, threadId?: string, team = demoTeam): Where & { id: string } {
  return { kind: "channel", id: threadId ? `${channelId};messageid=${threadId}` : channelId, team };
}

function conversationFor(user: RosterMember, where: Where) {
  if (where.kind === "personal") return { id: where.id ?? `a:personal-${user.aadObjectId}`, conversationType: "personal", tenantId };
  if (where.kind === "groupChat") return { id: where.id ?? "19:groupchat@thread.v2", conversationType: "groupChat", tenantId, isGroup: true };
  return { id: where.id ?? channelThread, conversationType: "channel", tenantId, isGroup: true };
}

function base(connector: ServiceUrl, user: RosterMember, where: Where, locale = "nl-NL") {
  const conversation = conversationFor(user, where);
  return {
    id: randomUUID(),
    channelId: "msteams",
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    recipient: bot,
    conversation,
    channelData: {
      tenant: { id: tenantId },
      ...(where.kind === "channel" ? { team: { id: where.team ?? demoTeam }, channel: { id: conversation.id.split(";")[0] } } : {}),
    },
  };
}

export function message(connector: ServiceUrl, user: RosterMember, text: string, where: Where = { kind: "personal" }, locale?: string) {
  if (where.kind === "personal") return { ...base(connector, user, where, locale), type: "message", text };
  // In a channel or group chat the bot only hears messages that @mention it; Teams puts the mention in the text.
  const mention = `<at>${bot.name}</at>`;
  return {
    ...base(connector, user, where, locale),
    type: "message",
    text: `${mention} ${text}`,
    entities: [{ type: "mention", text: mention, mentioned: bot }],
  };
}

/** A Universal Actions invoke, as Teams sends it when an Action.Execute is pressed. */
export function cardAction(connector: ServiceUrl, user: RosterMember, data: Record<string, unknown>, replyToId: string, where: Where = { kind: "personal" }) {
  return {
    ...base(connector, user, where),
    type: "invoke",
    name: "adaptiveCard/action",
    replyToId,
    value: { action: { type: "Action.Execute", verb: data.verb, data } },
  };
}

/** The bot being installed: conversationUpdate with the bot among membersAdded. */
export function installed(connector: ServiceUrl, user: RosterMember, where: Where) {
  return { ...base(connector, user, where), type: "conversationUpdate", membersAdded: [{ id: bot.id }] };
}

/** The bot added to a team, as Teams announces it: in the General channel, without a thread. */
export function teamInstalled(connector: ServiceUrl, user: RosterMember, team = demoTeam) {
  const activity = base(connector, user, inChannel(team, undefined, team));
  return { ...activity, type: "conversationUpdate", membersAdded: [{ id: bot.id }], channelData: { ...activity.channelData, eventType: "teamMemberAdded" } };
}

/** The bot removed from a team: conversationUpdate in the General channel with the bot among membersRemoved. */
export function teamRemoved(connector: ServiceUrl, user: RosterMember, team = demoTeam) {
  const activity = base(connector, user, inChannel(team, undefined, team));
  return { ...activity, type: "conversationUpdate", membersRemoved: [{ id: bot.id }], channelData: { ...activity.channelData, eventType: "teamMemberRemoved" } };
}

/** The team itself deleted. */
export function teamDeleted(connector: ServiceUrl, user: RosterMember, team = demoTeam) {
  const activity = base(connector, user, inChannel(team, undefined, team));
  return { ...activity, type: "conversationUpdate", channelData: { ...activity.channelData, eventType: "teamDeleted" } };
}

/** The app installed ("add") or uninstalled ("remove"); for a team, where is its General channel. */
export function installationUpdate(connector: ServiceUrl, user: RosterMember, action: "add" | "remove", where: Where) {
  return { ...base(connector, user, where), type: "installationUpdate", action };
}

/**
 * Posts an activity as the Bot Connector would. To an app started by teamsAppPerTest it carries
 * a channel token for its serviceUrl unless `authorization` is given.
 */
export async function postActivity(appUrl: string, activity: unknown, authorization = channelAuthorization(appUrl, activity)): Promise<{ status: number; body: any }> {
  const response = await fetch(`${appUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? safeJson(text) : undefined };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** All text shown on a card, in order: what a person would read. */
export function cardText(card: any): string {
  const parts: string[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (node.type === "TextRun" && typeof node.text === "string") parts.push(node.text);
    if (typeof node.label === "string" && node.label) parts.push(node.label);
    if (typeof node.title === "string" && node.type?.startsWith("Action.")) parts.push(node.title);
    for (const [key, value] of Object.entries(node)) if (key !== "fallback" && key !== "data") walk(value);
  };
  walk(card);
  return parts.join("\n");
}

/** The Adaptive Card of a recorded connector call. */
export function cardOf(call: { body: any } | undefined): any {
  return call?.body?.attachments?.[0]?.content;
}
