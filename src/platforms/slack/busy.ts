import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";
import { translator, type Locale } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { refusedBusy } from "../../observability/metrics.js";
import { WorkInFlight } from "../work-in-flight.js";

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;

/**
 * The answer to a request the instance has no room for: at once, within Slack's 3 s, and without
 * looking anyone up. A command gets the message in its ack; a form keeps its modal open with the
 * message on the first field (nothing typed is lost); a button press is acked and told through
 * its response_url, as long as not too many of those are under way.
 */
export function busyResponder(locale: Locale, logger: Logger, limit: number): (args: Args) => Promise<void> {
  const text = translator(locale)("chat.busy");
  const notices = new WorkInFlight(limit);
  return async (args) => {
    refusedBusy.inc({ platform: "SLACK" });
    const body = args.body as { type?: string; command?: string; view?: { state?: { values?: Record<string, unknown> } } };
    const ack = "ack" in args && typeof args.ack === "function" ? (args.ack as (response?: unknown) => Promise<void>) : undefined;
    if (body.command !== undefined) return ack?.({ response_type: "ephemeral", text });
    if (body.type === "view_submission") {
      const field = Object.keys(body.view?.state?.values ?? {})[0];
      return ack?.(field ? { response_action: "errors", errors: { [field]: text } } : undefined);
    }
    await ack?.();
    const respond = "respond" in args ? args.respond : undefined;
    if (body.type !== "block_actions" || !respond) return;
    const sent = notices.tryTrack(() => respond({ response_type: "ephemeral", replace_original: false, text }));
    sent?.catch((error: unknown) => logger.warn({ err: error }, "Slack: melding 'druk' kon niet worden verstuurd"));
  };
}
