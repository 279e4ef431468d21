import type { RespondFn, webApi } from "@slack/bolt";
import type { ChatContext } from "../../chat/context.js";
import { textMessage, type ChatEffect, type ChatFile, type ChatMessage, type Form } from "../../chat/message.js";
import type { Locale } from "../../i18n/index.js";
import { translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { messagePayload } from "./blocks.js";
import { slackErrorCode } from "./errors.js";
import type { CopyWriter } from "../../chat/events/announcement-copies.js";
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
  /** The adapter's copy writer for this request (ChatAdapter.copyWriter). */
  copyWriter: CopyWriter;
  logger: Logger;
  ctx?: ChatContext;
  /** The adapter's form opener (openModal). */
  openForm: (form: Form) => Promise<void>;
}

/**
 * Errors that mean the bot cannot write in that channel: a private channel without the bot (Slack
 * calls it not found), an archived one, or a workspace rule. Another try will not help there.
 */
const CHANNEL_UNREACHABLE = new Set(["channel_not_found", "not_in_channel", "is_archived", "user_not_in_channel", "restricted_action", "method_not_supported_for_channel_type"]);

/**
 * Renders the chat layer's answer with the Slack Web API, in order. Core has already saved by
 * now, so a part that fails must not take the rest with it (the channel announcement of a
 * saved event still goes out when the confirmation could not); the failures are thrown together
 * at the end, for the caller's apology.
 */
export async function renderEffects(surface: SlackSurface, effects: ChatEffect[], hooks: EffectHooks): Promise<void> {
  const failures: unknown[] = [];
  for (const effect of effects) {
    try {
      await renderEffect(surface, effect, hooks);
    } catch (error) {
      hooks.logger.error({ err: error, effect: effect.type, slackError: slackErrorCode(error) }, "Slack: een deel van het antwoord kon niet worden getoond");
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, `${failures.length} of ${effects.length} Slack effects failed`);
}

async function renderEffect(surface: SlackSurface, effect: ChatEffect, hooks: EffectHooks): Promise<void> {
  switch (effect.type) {
    case "reply":
      return replyPrivately(surface, effect.message, hooks.logger);
    case "post": {
      const posted = await postInChannel(surface, effect.message, hooks.logger);
      if (effect.announces && posted) await hooks.announcements.remember(effect.announces.eventId, surface.teamId, posted);
      return;
    }
    case "update":
      return updateSource(surface, effect.message, hooks);
    case "openForm":
      return hooks.openForm(effect.form);
    case "formErrors": {
      const t = translator(surface.locale);
      return replyPrivately(
        surface,
        { summary: t("slack.formErrors", { details: "" }), blocks: [{ type: "text", text: t("slack.formErrors", { details: Object.values(effect.errors).join(" ") }) }] },
        hooks.logger,
      );
    }
    case "file":
      return sendFile(surface, effect.file);
    case "refreshAnnouncements":
      if (hooks.ctx) await hooks.announcements.refreshAll(hooks.ctx, hooks.copyWriter, surface.teamId, effect.eventId);
      return;
  }
}

/** A modal, on the trigger of the request; without one (it is single use, 3 s) the form's title as a reply. */
export async function openModal(surface: SlackSurface, form: Form, logger: Logger): Promise<void> {
  if (!surface.triggerId) return replyPrivately(surface, { summary: form.title, blocks: [{ type: "text", text: form.title }] }, logger);
  const metadata = { formId: form.id, context: form.context, channelId: surface.channelId, locale: surface.locale };
  await surface.client.views.open({
    trigger_id: surface.triggerId,
    view: formView(form, metadata, translator(surface.locale)("slack.form.close"), surface.timeZone) as never,
  });
}

/**
 * Ephemeral where the request came from (response_url, or the channel), else a direct message.
 * After a modal there is no response_url, and the channel may be one the bot cannot write in
 * (a private channel without it): then the person gets the reply as a direct message.
 */
export async function replyPrivately(surface: SlackSurface, message: ChatMessage, logger: Logger): Promise<void> {
  const payload = messagePayload(message);
  if (surface.respond) {
    await surface.respond({ response_type: "ephemeral", replace_original: false, ...payload } as never);
    return;
  }
  if (surface.channelId && !surface.channelId.startsWith("D")) {
    try {
      await surface.client.chat.postEphemeral({ channel: surface.channelId, user: surface.userId, ...payload });
      return;
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !CHANNEL_UNREACHABLE.has(code)) throw error;
      logger.info({ channel: surface.channelId, slackError: code }, "Slack: privéantwoord kan niet in het kanaal; het gaat als direct bericht");
    }
  }
  await surface.client.chat.postMessage({ channel: surface.userId, ...payload });
}

type PostedRef = { channel: string; ts: string } | undefined;

/**
 * In the channel of the request; if the bot cannot write there, in the person's own DM with a
 * note why, so a saved event is still announced somewhere its buttons work and stay up to date.
 */
async function postInChannel(surface: SlackSurface, message: ChatMessage, logger: Logger): Promise<PostedRef> {
  const channel = surface.channelId ?? surface.userId;
  try {
    return await postJoiningIfNeeded(surface, channel, message);
  } catch (error) {
    const code = slackErrorCode(error);
    if (channel === surface.userId || !code || !CHANNEL_UNREACHABLE.has(code)) throw error;
    logger.warn({ channel, slackError: code }, "Slack: kan niet in het kanaal posten; het bericht gaat naar de DM van de aanvrager");
    const note = textMessage(translator(surface.locale)("slack.post.channelUnreachable"));
    await surface.client.chat.postMessage({ channel: surface.userId, ...messagePayload(note) });
    return postJoiningIfNeeded(surface, surface.userId, message);
  }
}

async function postJoiningIfNeeded(surface: SlackSurface, channel: string, message: ChatMessage): Promise<PostedRef> {
  const payload = messagePayload(message);
  const post = () => surface.client.chat.postMessage({ channel, ...payload });
  let posted;
  try {
    posted = await post();
  } catch (error) {
    // A public channel the bot was never added to: join it (channels:join) and post once more.
    if (slackErrorCode(error) !== "not_in_channel") throw error;
    await surface.client.conversations.join({ channel });
    posted = await post();
  }
  return posted.ts && posted.channel ? { channel: posted.channel, ts: posted.ts } : undefined;
}

async function updateSource(surface: SlackSurface, message: ChatMessage, hooks: EffectHooks): Promise<void> {
  if (surface.source) {
    await surface.client.chat.update({ channel: surface.source.channel, ts: surface.source.ts, ...messagePayload(message) });
    if (hooks.ctx) await hooks.announcements.refreshOthers(hooks.ctx, hooks.copyWriter, surface.teamId, surface.source);
    return;
  }
  if (surface.respond) {
    await surface.respond({ replace_original: true, ...messagePayload(message) } as never);
    return;
  }
  await replyPrivately(surface, message, hooks.logger);
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
