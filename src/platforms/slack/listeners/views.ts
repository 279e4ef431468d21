import type { App } from "@slack/bolt";
import { chatContext } from "../../../chat/context.js";
import { handleFormSubmit } from "../../../chat/conversation.js";
import { answerStranger } from "../../../chat/joining/strangers.js";
import type { ChatEffect } from "../../../chat/message.js";
import { LIMITS, plainText } from "../blocks.js";
import { renderEffects, replyPrivately, type SlackSurface } from "../effects.js";
import { answerSafely, apology, renderSafely, type Answer } from "../handled.js";
import { formMetadata, viewSubmissionPayload } from "../payloads.js";
import { submittedValues } from "../views.js";
import type { SlackListenerDeps } from "./shared.js";

/**
 * Modal submissions. Unlike commands, Slack only shows field errors if they come back in the
 * ack, so the form is validated (and saved) before acking — well inside the 3 s window.
 */
export function registerViews(app: App, d: SlackListenerDeps): void {
  app.view(/^form:/, async ({ body, view, ack, client }) => {
    const blockIds = Object.keys(view.state?.values ?? {});
    const answer = await answerSafely(d.logger, "form", d.defaultLocale, async (): Promise<Answer> => {
      const p = viewSubmissionPayload.parse(body);
      const meta = formMetadata.parse(JSON.parse(p.view.private_metadata || "{}"));
      const teamId = p.team?.id ?? p.user.team_id ?? "";
      const resolved = await d.resolveActor(client, teamId, p.user.id);
      if (resolved.kind !== "member") {
        return answerStranger(d.deps, resolved, meta.locale ?? d.defaultLocale, { kind: "form", formId: meta.formId, values: submittedValues(p.view), context: meta.context });
      }
      const actor = resolved.actor;
      const ctx = chatContext(d.deps, actor, "SLACK");
      return { ctx, locale: actor.locale, effects: await handleFormSubmit(ctx, meta.formId, submittedValues(p.view), meta.context) };
    });

    const errors = answer.effects.find((e): e is Extract<ChatEffect, { type: "formErrors" }> => e.type === "formErrors");
    const fallbackBlock = blockIds[0];
    if (errors) {
      await ack({ response_action: "errors", errors: toBlockErrors(errors.errors, blockIds) });
      return;
    }
    // Something that is not an answer to the form (unknown person, our own failure): keep the
    // modal open with the message, so nobody loses what they typed.
    const replies = answer.effects.filter((e) => e.type === "reply");
    if (!answer.ctx && !answer.answersForm && fallbackBlock && replies[0]?.type === "reply") {
      await ack({ response_action: "errors", errors: { [fallbackBlock]: plainText(replies[0].message.summary, 2000) } });
      return;
    }
    await ack();

    const meta = formMetadata.safeParse(safeJson(view.private_metadata));
    const surface: SlackSurface = {
      client,
      teamId: body.team?.id ?? body.user.team_id ?? "",
      userId: body.user.id,
      locale: answer.locale,
      timeZone: d.timeZone,
      channelId: meta.success ? meta.data.channelId : undefined,
    };
    await renderSafely(
      d.logger,
      "form",
      () => renderEffects(surface, answer.effects, { announcements: d.announcements, logger: d.logger, ctx: answer.ctx }),
      () => replyPrivately(surface, apology(answer.locale), d.logger),
    );
  });
}

/** Field ids are block ids; an error for a field Slack does not show goes on the first one. */
function toBlockErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const target = blockIds.includes(field) ? field : (blockIds[0] ?? field);
    out[target] = out[target] ? `${out[target]} ${message}` : message;
  }
  for (const key of Object.keys(out)) out[key] = plainText(out[key]!, LIMITS.field);
  return out;
}

function safeJson(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    // Handled above by the zod parse inside answerSafely (logged there); here we only lose the channel.
    return {};
  }
}

