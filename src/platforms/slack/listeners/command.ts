import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { ChatMessage } from "../../../chat/message.js";
import { answerTurn, renderTurn } from "../../../chat/turn.js";
import { slackAdapter, type SlackRequest } from "../adapter.js";
import { messagePayload } from "../blocks.js";
import { slashCommandPayload } from "../payloads.js";
import type { SlackListenerDeps } from "./shared.js";

export const SLASH_COMMAND = "/netwerk";

// Slack wants the ack within 3 s. Most answers are ready in milliseconds and go back in the ack
// itself (one round trip, no response_url); a slow one is acked empty after this budget and sent
// afterwards through response_url.
export const ACK_BUDGET_MS = 2_000;
// When this many commands are already being worked on, timers and the database queue up behind
// each other (the embedded database shares our event loop), so waiting for an inline answer
// would risk the 3 s ack: new commands are then acked at once and answered via response_url.
export const INLINE_CONCURRENCY = 8;

export function registerCommand(app: App, d: SlackListenerDeps): void {
  const adapter = slackAdapter(d);
  let inProgress = 0;
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    inProgress++;
    try {
      await answerCommand(command, ack, respond, client, inProgress > INLINE_CONCURRENCY);
    } finally {
      inProgress--;
    }
  });

  async function answerCommand(
    command: SlackCommandMiddlewareArgs["command"],
    ack: SlackCommandMiddlewareArgs["ack"],
    respond: SlackCommandMiddlewareArgs["respond"],
    client: AllMiddlewareArgs["client"],
    busy: boolean,
  ): Promise<void> {
    const p = slashCommandPayload.safeParse(command);
    const request: SlackRequest = {
      client,
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      respond,
      triggerId: command.trigger_id,
      invalid: p.success ? undefined : p.error,
    };
    const work = answerTurn(adapter, request, { kind: "text", text: p.success ? p.data.text : "" }, d.conversation);
    const early = busy ? undefined : await withinBudget(work, d.ackBudgetMs);
    // Replies ready in time go back in the ack itself; the rest (modals, channel posts, refreshes)
    // follows through the Web API.
    const inAck = early?.effects.flatMap((e) => (e.type === "reply" ? [e.message] : [])) ?? [];
    await ack(inAck.length > 0 ? ephemeral(combine(inAck)) : undefined);
    const answer = early ? { ...early, effects: early.effects.filter((e) => e.type !== "reply") } : await work;
    if (answer.effects.length === 0) return;
    await renderTurn(adapter, request, answer);
  }
}

function ephemeral(message: ChatMessage) {
  return { response_type: "ephemeral" as const, ...messagePayload(message) };
}

function combine(messages: ChatMessage[]): ChatMessage {
  if (messages.length === 1) return messages[0]!;
  return { summary: messages.map((m) => m.summary).join("\n"), blocks: messages.flatMap((m) => m.blocks) };
}

async function withinBudget<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
