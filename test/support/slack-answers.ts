import { expect, vi } from "vitest";
import { translator } from "../../src/i18n/index.js";
import type { SlackCall } from "./fake-slack-api.js";
import { expectDutch } from "./language.js";
import type { SlackHarness } from "./slack-app.js";
import { FORM, postSlack, slashBody, type SlackResponse } from "./slack-requests.js";

// Moved to a neutral file for the Teams suites; still exported here for the Slack ones.
export { expectDutch } from "./language.js";

type Json = Record<string, any>;

/** Slack shows "operation_timeout" when a request is not acknowledged within this time. */
export const SLACK_ACK_WINDOW_MS = 3_000;

/** What a person sees after a slash command: the ack, and where the ack was empty, what followed. */
export interface SlashAnswer {
  user: string;
  text: string;
  ack: SlackResponse;
  /** From sending the request to the HTTP answer: a bound from Slack's spec, not a benchmark. */
  ackMs: number;
  /** The private message the person reads: in the ack, or sent afterwards through response_url. */
  message?: Json;
  deferred: boolean;
  /** A modal opened with this command's trigger_id (e.g. "rapporteer" without numbers). */
  modal?: SlackCall;
}

/**
 * Sends a signed slash command to the real app, times its ack and, when the ack is empty,
 * waits for what Slack would show instead: the response_url follow-up or a modal.
 */
export async function slashAndAnswer(h: SlackHarness, user: string, text: string, id: string, channel?: string): Promise<SlashAnswer> {
  const body = slashBody({ user, text, channel, responseUrl: h.fake.responseUrl(id) });
  const trigger = new URLSearchParams(body).get("trigger_id");
  const started = performance.now();
  const ack = await postSlack(h.app.url, body, FORM);
  const ackMs = performance.now() - started;
  if (ack.text !== "") return { user, text, ack, ackMs, message: ack.json as Json, deferred: false };
  const followUp = await vi.waitFor(
    () => {
      const response = h.fake.responses().find((c) => c.method === `response/${id}`);
      const modal = h.fake.callsTo("views.open").find((c) => c.body.trigger_id === trigger);
      if (!response && !modal) throw new Error(`no answer to ${JSON.stringify(text).slice(0, 120)} from ${user}`);
      return { response, modal };
    },
    { timeout: 10_000, interval: 20 },
  );
  return { user, text, ack, ackMs, message: followUp.response?.body, deferred: true, modal: followUp.modal };
}

/** Everything readable in a Slack message payload: fallback text and block texts. */
export function readableText(message: Json): string {
  const blocks = (message.blocks ?? []) as Json[];
  const parts = blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: Json) => f.text), ...(b.elements ?? []).map((e: Json) => e.text?.text ?? e.text)]);
  return [message.text, ...parts].filter((p) => typeof p === "string").join("\n").trim();
}

/**
 * Answered within Slack's window, with something helpful: a private, non-empty Dutch message
 * that is not our "something went wrong" apology, or a modal.
 */
export function expectHelpfulAnswer(answer: SlashAnswer): void {
  const context = `${answer.user}: ${JSON.stringify(answer.text).slice(0, 120)}`;
  expect(answer.ack.status, context).toBe(200);
  expect(answer.ackMs, context).toBeLessThan(SLACK_ACK_WINDOW_MS);
  if (!answer.message) {
    expect(answer.modal, context).toBeDefined();
    expect((answer.modal!.body.view as Json).type, context).toBe("modal");
    return;
  }
  expect(answer.message.response_type, context).toBe("ephemeral");
  const text = readableText(answer.message);
  expect(text.length, context).toBeGreaterThan(0);
  expectDutch(text, answer.text, context);
  expect(text, context).not.toContain(translator("nl")("error.unexpected"));
}
