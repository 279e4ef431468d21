import express, { type RequestHandler } from "express";
import { z } from "zod";
import { BODY_LIMITS } from "../../http/body-limits.js";
import type { EventLoopLag } from "../../http/event-loop-lag.js";
import { translator, type Locale } from "../../i18n/index.js";
import { refusedBusy } from "../../observability/metrics.js";
import type { WorkInFlight } from "../work-in-flight.js";

export interface ShedOptions {
  locale: Locale;
  requests: WorkInFlight;
  lag: EventLoopLag;
  /** BUSY_EVENT_LOOP_LAG_MS: beyond this the instance is too far behind to take a request on; 0: not checked. */
  maxLagMs: number;
}

/**
 * The "busy" answer given before Bolt sees the request, while the instance has no room: its
 * requests in flight at the limit, or its event loop so far behind that whatever it takes on is
 * answered late. Bolt's path (signature, Bolt's context, listeners, the replay receipt in the
 * database) costs far more than this, and under overload that cost is what made every answer
 * late (issue 15.12: 17–39 s at 150 commands/s); here a refusal is one small parse.
 *
 * It is not signed-checked: the answer is a fixed text that tells nothing. Only commands and
 * form submissions are answered here. Button presses go on to Bolt, which checks the signature
 * before it tells the person through the request's response_url (busy.ts); Events API
 * deliveries (JSON) are never turned away, because Slack would not send them again (an
 * uninstall must not be lost). Both are few next to commands.
 */
export function shedSlackLoad(options: ShedOptions): RequestHandler {
  const text = translator(options.locale)("chat.busy");
  // The raw body is kept where Bolt looks for one read before it (`rawBody`), for what goes on.
  const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMITS.slack, verify: (req, _res, raw) => void Object.assign(req, { rawBody: raw }) });
  return (req, res, next) => {
    const behind = options.maxLagMs > 0 && options.lag.currentMs > options.maxLagMs;
    const full = options.requests.size >= options.requests.limit || behind;
    if (!full || !req.is("application/x-www-form-urlencoded")) return next();
    parseForm(req, res, (error?: unknown) => {
      if (error) return next(error);
      const answer = busyAnswer(refusable.safeParse(req.body), text);
      if (answer === undefined) return next();
      refusedBusy.inc({ platform: "SLACK" });
      res.status(200).json(answer);
    });
  };
}

/** Only what the refusal needs of a command or interaction. */
const refusable = z.object({ command: z.string().optional(), payload: z.string().optional() });
const submission = z.object({ type: z.literal("view_submission"), view: z.object({ state: z.object({ values: z.record(z.unknown()) }) }) });

/** What Slack shows for a refused command or form; undefined for anything else. */
function busyAnswer(form: z.SafeParseReturnType<unknown, z.infer<typeof refusable>>, text: string): Record<string, unknown> | undefined {
  if (!form.success) return undefined;
  if (form.data.command !== undefined) return { response_type: "ephemeral", text };
  if (!form.data.payload) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(form.data.payload);
  } catch {
    return undefined;
  }
  const view = submission.safeParse(payload);
  // The modal stays open with the message on its first field: nothing typed is lost.
  const field = view.success ? Object.keys(view.data.view.state.values)[0] : undefined;
  return field ? { response_action: "errors", errors: { [field]: text } } : undefined;
}
