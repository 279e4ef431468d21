import type { App } from "@slack/bolt";
import { chatContext } from "../../../chat/context.js";
import { handleAction } from "../../../chat/conversation.js";
import { answerStranger } from "../../../chat/joining/strangers.js";
import { actionFromId, URL_ACTION } from "../blocks.js";
import { renderEffects, replyPrivately, type SlackSurface } from "../effects.js";
import { answerSafely, apology, renderSafely, type Answer } from "../handled.js";
import { blockActionPayload } from "../payloads.js";
import type { SlackListenerDeps } from "./shared.js";
import { publishHome } from "./home.js";

/** Every button press: acked at once, then routed to the chat layer by its neutral action name. */
export function registerActions(app: App, d: SlackListenerDeps): void {
  app.action(/.*/, async ({ body, ack, respond, client }) => {
    await ack();
    const parsed = blockActionPayload.safeParse(body);
    const pressed = parsed.success ? parsed.data.actions[0] : undefined;
    // Link buttons (calendar, dashboard) open in the browser; Slack still reports the click.
    if (pressed && actionFromId(pressed.action_id) === URL_ACTION) return;

    const answer = await answerSafely(d.logger, "action", d.defaultLocale, async (): Promise<Answer> => {
      const p = blockActionPayload.parse(body);
      const resolved = await d.resolveActor(client, teamOf(p), p.user.id);
      const action = p.actions[0]!;
      const name = actionFromId(action.action_id);
      if (resolved.kind !== "member") return answerStranger(d.deps, resolved, d.defaultLocale, { kind: "action", action: name, value: action.value ?? "" });
      const actor = resolved.actor;
      const ctx = chatContext(d.deps, actor, "SLACK");
      return { ctx, locale: actor.locale, effects: await handleAction(ctx, name, action.value ?? "") };
    });

    const raw = body as { user?: { id?: string }; team?: { id?: string } | null; trigger_id?: string };
    const p = parsed.success ? parsed.data : undefined;
    const channelId = p?.container?.channel_id ?? p?.channel?.id;
    const messageTs = p?.container?.message_ts ?? p?.message?.ts;
    const surface: SlackSurface = {
      client,
      teamId: p ? teamOf(p) : (raw.team?.id ?? ""),
      userId: p?.user.id ?? raw.user?.id ?? "",
      locale: answer.locale,
      timeZone: d.timeZone,
      channelId,
      respond: p?.response_url ? respond : undefined,
      triggerId: p?.trigger_id,
      // Ephemeral messages cannot be chat.update'd; they are replaced through response_url.
      source: channelId && messageTs && !p?.container?.is_ephemeral ? { channel: channelId, ts: messageTs } : undefined,
    };
    await renderSafely(
      d.logger,
      "action",
      async () => {
        await renderEffects(surface, answer.effects, { announcements: d.announcements, logger: d.logger, ctx: answer.ctx });
        if (p?.view?.type === "home" && answer.ctx) await publishHome(client, answer.ctx, surface.userId);
      },
      () => replyPrivately(surface, apology(answer.locale), d.logger),
    );
  });
}

function teamOf(p: { user: { team_id?: string }; team?: { id: string } | null }): string {
  return p.team?.id ?? p.user.team_id ?? "";
}
