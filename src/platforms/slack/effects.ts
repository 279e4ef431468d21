import type { RespondFn, webApi } from "@slack/bolt";
import type { ChatContext } from "../../chat/context.js";
import type { ChatEffect, ChatFile, ChatMessage } from "../../chat/message.js";
import type { Locale } from "../../i18n/index.js";
import { translator } from "../../i18n/index.js";
import { messagePayload } from "./blocks.js";
import type { AnnouncementRefresher } from "./announcements.js";
import { formView } from "./views.js";

/** Where a request came from, and the ways Slack gives us to answer it. */
export interface SlackSurface {
  client: webApi.WebClient;
  teamId: string;
  userId: string;
  locale: Locale;
  /** Zone of wall-clock times in forms (the network default). */
  timeZone: string;
  /** The channel of the slash command or pressed button; absent on App Home and in modals. */
  channelId?: string;
  respond?: RespondFn;
  triggerId?: string;
  /** The message whose button was pressed (for chat.update). */
  source?: { channel: string; ts: string };
}

export interface EffectHooks {
  announcements: AnnouncementRefresher;
  ctx?: ChatContext;
}

/** Renders the chat layer's answer with the Slack Web API, in order. */
export async function renderEffects(surface: SlackSurface, effects: ChatEffect[], hooks: EffectHooks): Promise<void> {
  for (const effect of effects) await renderEffect(surface, effect, hooks);
}

async function renderEffect(surface: SlackSurface, effect: ChatEffect, hooks: EffectHooks): Promise<void> {
  switch (effect.type) {
    case "reply":
      return replyPrivately(surface, effect.message);
    case "post": {
      const posted = await postInChannel(surface, effect.message);
      if (effect.announces && posted) await hooks.announcements.remember(effect.announces.eventId, surface.teamId, posted);
      return;
    }
    case "update":
      return updateSource(surface, effect.message, hooks);
    case "openForm": {
      if (!surface.triggerId) return replyPrivately(surface, { summary: effect.form.title, blocks: [{ type: "text", text: effect.form.title }] });
      const metadata = { formId: effect.form.id, context: effect.form.context, channelId: surface.channelId, locale: surface.locale };
      await surface.client.views.open({
        trigger_id: surface.triggerId,
        view: formView(effect.form, metadata, translator(surface.locale)("slack.form.close"), surface.timeZone) as never,
      });
      return;
    }
    case "formErrors": {
      const t = translator(surface.locale);
      return replyPrivately(surface, { summary: t("slack.formErrors", { details: "" }), blocks: [{ type: "text", text: t("slack.formErrors", { details: Object.values(effect.errors).join(" ") }) }] });
    }
    case "file":
      return sendFile(surface, effect.file);
    case "refreshAnnouncements":
      if (hooks.ctx) await hooks.announcements.refreshAll(hooks.ctx, surface.client, surface.teamId, effect.eventId);
      return;
  }
}

/** Ephemeral where the request came from (response_url), else a direct message. */
export async function replyPrivately(surface: SlackSurface, message: ChatMessage): Promise<void> {
  const payload = messagePayload(message);
  if (surface.respond) {
    await surface.respond({ response_type: "ephemeral", replace_original: false, ...payload } as never);
    return;
  }
  if (surface.channelId && !surface.channelId.startsWith("D")) {
    await surface.client.chat.postEphemeral({ channel: surface.channelId, user: surface.userId, ...payload });
    return;
  }
  await surface.client.chat.postMessage({ channel: surface.userId, ...payload });
}

async function postInChannel(surface: SlackSurface, message: ChatMessage): Promise<{ channel: string; ts: string } | undefined> {
  const channel = surface.channelId ?? surface.userId;
  const payload = messagePayload(message);
  const post = () => surface.client.chat.postMessage({ channel, ...payload });
  let posted;
  try {
    posted = await post();
  } catch (error) {
    // A public channel the bot was never added to: join it (channels:join) and post once more.
    if ((error as { data?: { error?: string } }).data?.error !== "not_in_channel") throw error;
    await surface.client.conversations.join({ channel });
    posted = await post();
  }
  return posted.ts && posted.channel ? { channel: posted.channel, ts: posted.ts } : undefined;
}

async function updateSource(surface: SlackSurface, message: ChatMessage, hooks: EffectHooks): Promise<void> {
  if (surface.source) {
    await surface.client.chat.update({ channel: surface.source.channel, ts: surface.source.ts, ...messagePayload(message) });
    if (hooks.ctx) await hooks.announcements.refreshOthers(hooks.ctx, surface.client, surface.teamId, surface.source);
    return;
  }
  if (surface.respond) {
    await surface.respond({ replace_original: true, ...messagePayload(message) } as never);
    return;
  }
  await replyPrivately(surface, message);
}

/** Files (exports) always go to the person's DM, never into the channel they typed in. */
async function sendFile(surface: SlackSurface, file: ChatFile): Promise<void> {
  const opened = await surface.client.conversations.open({ users: surface.userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error("conversations.open returned no channel for a file upload");
  const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : Buffer.from(file.content);
  await surface.client.files.uploadV2({ channel_id: channel, filename: file.filename, title: file.title, file: content });
  if (surface.channelId !== channel && surface.respond) {
    const t = translator(surface.locale);
    await surface.respond({ response_type: "ephemeral", text: t("slack.fileSent") } as never);
  }
}
