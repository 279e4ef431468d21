import type { App, webApi } from "@slack/bolt";
import type { ChatContext } from "../../../chat/context.js";
import { homeMessage } from "../../../chat/home.js";
import { runTurn } from "../../../chat/turn.js";
import { slackHomeAdapter, type SlackRequest } from "../adapter.js";
import { appHomeOpenedEvent, eventEnvelope } from "../payloads.js";
import { homeView } from "../views.js";
import type { SlackListenerDeps } from "./shared.js";

export async function publishHome(client: webApi.WebClient, ctx: ChatContext, userId: string): Promise<void> {
  await client.views.publish({ user_id: userId, view: homeView(await homeMessage(ctx)) as never });
}

/** The App Home tab: the person's own reports, events and subgroups, rebuilt on every visit. */
export function registerHome(app: App, d: SlackListenerDeps): void {
  const adapter = slackHomeAdapter(d);
  app.event("app_home_opened", async ({ event, body, client }) => {
    const envelope = eventEnvelope.safeParse(body);
    const opened = appHomeOpenedEvent.safeParse(event);
    if (opened.success && opened.data.tab && opened.data.tab !== "home") return;
    const invalid = !envelope.success ? envelope.error : !opened.success ? opened.error : undefined;
    const user = opened.success ? opened.data.user : (event as { user?: string }).user;
    // Without a user there is no tab to show even the apology on.
    if (!user) return void d.logger.error({ err: invalid }, "Slack: app_home_opened zonder gebruiker");
    const request: SlackRequest = { client, teamId: envelope.data?.team_id ?? "", userId: user, invalid };
    await runTurn(adapter, request, { kind: "home" });
  });
}
