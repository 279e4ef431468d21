import type { App } from "@slack/bolt";
import type { ChatEffect } from "../../../chat/message.js";
import { answerTurn, renderTurn } from "../../../chat/turn.js";
import { slackAdapter, type SlackRequest } from "../adapter.js";
import { LIMITS, plainText } from "../blocks.js";
import { formMetadata, viewSubmissionPayload, type FormMetadata } from "../payloads.js";
import { submittedValues } from "../views.js";
import type { SlackListenerDeps } from "./shared.js";

/**
 * Modal submissions. Unlike commands, Slack only shows field errors if they come back in the
 * ack, so the form is validated (and saved) before acking — well inside the 3 s window.
 */
export function registerViews(app: App, d: SlackListenerDeps): void {
  const adapter = slackAdapter(d);
  app.view(/^form:/, async ({ body, view, ack, client }) => {
    const blockIds = Object.keys(view.state?.values ?? {});
    const submission = readSubmission(body);
    const meta = submission.success ? submission.meta : formMetadata.safeParse(safeJson(view.private_metadata)).data;
    const request: SlackRequest = {
      client,
      teamId: body.team?.id ?? body.user.team_id ?? "",
      userId: body.user.id,
      channelId: meta?.channelId,
      locale: meta?.locale,
      invalid: submission.success ? undefined : submission.error,
    };
    const input = submission.success ? { kind: "form" as const, formId: submission.meta.formId, values: submission.values, context: submission.meta.context } : { kind: "form" as const, formId: "", values: {} };
    const answer = await answerTurn(adapter, request, input, d.conversation);

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
    await renderTurn(adapter, request, answer);
  });
}

type Submission = { success: true; meta: FormMetadata; values: Record<string, unknown> } | { success: false; error: Error };

/** The submitted modal and the metadata we put in it; a payload without them is the unexpected (answered with the apology). */
function readSubmission(body: unknown): Submission {
  try {
    const p = viewSubmissionPayload.parse(body);
    const meta = formMetadata.parse(JSON.parse(p.view.private_metadata || "{}"));
    return { success: true, meta, values: submittedValues(p.view) };
  } catch (error) {
    return { success: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
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
    // readSubmission failed on the same text and the turn logged it; here we only lose the channel.
    return {};
  }
}

