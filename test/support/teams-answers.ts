import { expect } from "vitest";
import { translator, type Locale } from "../../src/i18n/index.js";
import type { ConnectorCall, FakeBotConnector } from "./fake-bot-connector.js";
import { expectLanguage } from "./language.js";
import { cardOf, cardText, postActivity } from "./teams-activities.js";

type Json = Record<string, any>;

const INVOKE_TYPES = ["application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.activity.message"];

/** What a person sees after one activity: the HTTP answer (for an invoke, its response) and what the bot sent or replaced meanwhile. */
export interface TeamsAnswer {
  /** What was sent, for failure messages. */
  input: string;
  status: number;
  invoke: boolean;
  /** The invoke response body ({ statusCode, type, value }) or undefined for a message. */
  body: any;
  /** Activities the bot sent (POST) or replaced (PUT) while answering. */
  sent: ConnectorCall[];
  /** Readable text of the invoke response and of every sent card, in order. */
  texts: string[];
}

/**
 * Posts an activity to the real app and records what the person got. Posts one at a time:
 * everything the connector records between sending and the HTTP answer belongs to this activity.
 */
export async function askTeams(appUrl: string, connector: FakeBotConnector, activity: Json, input = describe(activity)): Promise<TeamsAnswer> {
  const from = connector.calls.length;
  const { status, body } = await postActivity(appUrl, activity);
  const sent = connector.calls.slice(from).filter((c) => (c.method === "POST" || c.method === "PUT") && c.path !== "/v3/conversations");
  const invoke = activity.type === "invoke";
  const texts = [...(invoke ? [invokeText(body)] : []), ...sent.map(readableText)].filter((t) => t.trim() !== "");
  return { input, status, invoke, body, sent, texts };
}

/** Text of a sent activity: its card, else its plain text. */
export function readableText(call: ConnectorCall): string {
  const card = cardOf(call);
  return card ? cardText(card) : String(call.body.text ?? "");
}

function invokeText(body: any): string {
  if (body?.type === "application/vnd.microsoft.card.adaptive") return cardText(body.value);
  return typeof body?.value === "string" ? body.value : "";
}

function describe(activity: Json): string {
  const what = activity.type === "invoke" ? activity.value?.action?.data : activity.text;
  return `${activity.from?.id} [${activity.locale}] ${JSON.stringify(what)?.slice(0, 160)}`;
}

/**
 * HTTP 200, for an invoke a proper response (a card or a message, never 500/501), and something
 * helpful the person can read: not only "Done.", not our apology, in the expected language.
 */
export function expectHelpfulTeamsAnswer(answer: TeamsAnswer, locale: Locale, typed = ""): void {
  const context = answer.input;
  expect(answer.status, context).toBe(200);
  if (answer.invoke) {
    expect(answer.body.statusCode, context).toBe(200);
    expect(INVOKE_TYPES, context).toContain(answer.body.type);
  }
  const t = translator(locale);
  const helpful = answer.texts.filter((x) => x !== t("teams.action.done"));
  expect(helpful.length, `${context}: nothing to read`).toBeGreaterThan(0);
  const all = helpful.join("\n");
  expectLanguage(locale, all, typed, context);
  for (const apology of [translator("nl")("error.unexpected"), translator("en")("error.unexpected")]) expect(all, context).not.toContain(apology);
}

// Links our cards may carry: file downloads and the dashboard (PUBLIC_URL), the demo event's meeting.
const OWN_URL = /^(http:\/\/bot\.example\/|https:\/\/meet\.example\.nl\/)/;

/**
 * No user input became markup or a ping: no markdown-parsing TextBlock, no mention entity,
 * no link anywhere but ours, no Action but the ones we render.
 */
export function expectNoInjection(calls: ConnectorCall[]): void {
  for (const call of calls) {
    const body = call.body;
    const context = JSON.stringify(body).slice(0, 300);
    expect(body.entities ?? [], context).not.toContainEqual(expect.objectContaining({ type: "mention" }));
    const walk = (node: any) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return node.forEach(walk);
      expect(node.type, context).not.toBe("TextBlock");
      if (typeof node.type === "string" && node.type.startsWith("Action.")) expect(["Action.Execute", "Action.Submit", "Action.OpenUrl"], context).toContain(node.type);
      if (typeof node.url === "string") expect(node.url, context).toMatch(OWN_URL);
      for (const [key, value] of Object.entries(node)) if (key !== "data") walk(value);
    };
    walk(body.attachments ?? []);
  }
}
