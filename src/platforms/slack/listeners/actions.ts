import type { App } from "@slack/bolt";
import { runTurn } from "../../../chat/turn.js";
import { slackAdapter, type SlackRequest } from "../adapter.js";
import { actionFromId, URL_ACTION } from "../blocks.js";
import { blockActionPayload } from "../payloads.js";
import type { SlackListenerDeps } from "./shared.js";

/** Every button press: acked at once, then routed to the chat layer by its neutral action name. */
export function registerActions(app: App, d: SlackListenerDeps): void {
  const adapter = slackAdapter(d);
  app.action(/.*/, async ({ body, ack, respond, client }) => {
    await ack();
    const parsed = blockActionPayload.safeParse(body);
    const pressed = parsed.success ? parsed.data.actions[0] : undefined;
    // Link buttons (calendar, dashboard) open in the browser; Slack still reports the click.
    if (pressed && actionFromId(pressed.action_id) === URL_ACTION) return;

    const raw = body as { user?: { id?: string }; team?: { id?: string } | null };
    const p = parsed.success ? parsed.data : undefined;
    const channelId = p?.container?.channel_id ?? p?.channel?.id;
    const messageTs = p?.container?.message_ts ?? p?.message?.ts;
    const request: SlackRequest = {
      client,
      teamId: p ? teamOf(p) : (raw.team?.id ?? ""),
      userId: p?.user.id ?? raw.user?.id ?? "",
      channelId,
      respond: p?.response_url ? respond : undefined,
      triggerId: p?.trigger_id,
      // Ephemeral messages cannot be chat.update'd; they are replaced through response_url.
      source: channelId && messageTs && !p?.container?.is_ephemeral ? { channel: channelId, ts: messageTs } : undefined,
      fromHome: p?.view?.type === "home",
      invalid: parsed.success ? undefined : parsed.error,
    };
    await runTurn(adapter, request, { kind: "action", action: pressed ? actionFromId(pressed.action_id) : "", value: pressed?.value ?? "" }, d.conversation);
  });
}

function teamOf(p: { user: { team_id?: string }; team?: { id: string } | null }): string {
  return p.team?.id ?? p.user.team_id ?? "";
}
