import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { chatContext } from "../../../chat/context.js";
import { handleText } from "../../../chat/conversation.js";
import { answerStranger } from "../../../chat/joining/strangers.js";
import type { ChatMessage } from "../../../chat/message.js";
import { commandLatency } from "../../../observability/metrics.js";
import { messagePayload } from "../blocks.js";
import { renderEffects, replyPrivately, type SlackSurface } from "../effects.js";
import { answerSafely, apology, renderSafely, type Answer } from "../handled.js";
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
    const stopTimer = commandLatency.startTimer({ platform: "SLACK" });
    const work = answerSafely(d.logger, "command", d.defaultLocale, async (): Promise<Answer> => {
      const p = slashCommandPayload.parse(command);
      const resolved = await d.resolveActor(client, p.team_id, p.user_id);
      if (resolved.kind !== "member") return answerStranger(d.deps, resolved, d.defaultLocale, { kind: "text", text: p.text });
      const actor = resolved.actor;
      const ctx = chatContext(d.deps, actor, "SLACK");
      return { ctx, locale: actor.locale, effects: await handleText(ctx, p.text) };
    });
    const early = busy ? undefined : await withinBudget(work, d.ackBudgetMs);
    stopTimer();
    // Replies ready in time go back in the ack itself; the rest (modals, channel posts, refreshes)
    // follows through the Web API.
    const inAck = early?.effects.flatMap((e) => (e.type === "reply" ? [e.message] : [])) ?? [];
    await ack(inAck.length > 0 ? ephemeral(combine(inAck)) : undefined);
    const answer = early ? { ...early, effects: early.effects.filter((e) => e.type !== "reply") } : await work;
    if (answer.effects.length === 0) return;
    const surface: SlackSurface = {
      client,
      teamId: command.team_id,
      userId: command.user_id,
      locale: answer.locale,
      timeZone: d.timeZone,
      channelId: command.channel_id,
      respond,
      triggerId: command.trigger_id,
    };
    await renderSafely(
      d.logger,
      "command",
      () => renderEffects(surface, answer.effects, { announcements: d.announcements, logger: d.logger, ctx: answer.ctx }),
      () => replyPrivately(surface, apology(answer.locale), d.logger),
    );
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
