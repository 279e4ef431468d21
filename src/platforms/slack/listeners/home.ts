import type { App, webApi } from "@slack/bolt";
import type { ChatContext } from "../../../chat/context.js";
import { chatContext } from "../../../chat/context.js";
import { homeMessage } from "../../../chat/home.js";
import { answerStranger } from "../../../chat/joining/strangers.js";
import { translator } from "../../../i18n/index.js";
import { answerSafely, apology } from "../handled.js";
import { appHomeOpenedEvent, eventEnvelope } from "../payloads.js";
import { homeView } from "../views.js";
import type { SlackListenerDeps } from "./shared.js";

export async function publishHome(client: webApi.WebClient, ctx: ChatContext, userId: string): Promise<void> {
  await client.views.publish({ user_id: userId, view: homeView(await homeMessage(ctx)) as never });
}

/** The App Home tab: the person's own reports, events and subgroups, rebuilt on every visit. */
export function registerHome(app: App, d: SlackListenerDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    const answer = await answerSafely(d.logger, "home", d.defaultLocale, async () => {
      const envelope = eventEnvelope.parse(body);
      const opened = appHomeOpenedEvent.parse(event);
      if (opened.tab && opened.tab !== "home") return { effects: [], locale: d.defaultLocale };
      const teamId = envelope.team_id ?? "";
      const resolved = await d.resolveActor(client, teamId, opened.user);
      if (resolved.kind === "member") {
        await publishHome(client, chatContext(d.deps, resolved.actor, "SLACK"), opened.user);
        return { effects: [], locale: resolved.actor.locale };
      }
      const stranger = await answerStranger(d.deps, resolved, d.defaultLocale, { kind: "home" });
      const t = translator(stranger.locale);
      const blocks = stranger.effects.flatMap((e) => (e.type === "reply" ? e.message.blocks : []));
      const welcome = { summary: t("slack.home.unknown"), blocks: [{ type: "header" as const, text: t("slack.home.unknown") }, ...blocks] };
      await client.views.publish({ user_id: opened.user, view: homeView(welcome) as never });
      return { effects: [], locale: stranger.locale };
    });
    // Only the error path answers with effects: show the apology on the Home tab itself.
    if (answer.effects.length > 0) {
      const user = (event as { user?: string }).user;
      if (user) await client.views.publish({ user_id: user, view: homeView(apology(answer.locale)) as never });
    }
  });
}
