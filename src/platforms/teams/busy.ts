import { ActivityTypes, type TurnContext } from "botbuilder";
import { translator, type Locale } from "../../i18n/index.js";
import { refusedBusy } from "../../observability/metrics.js";
import type { WorkInFlight } from "../work-in-flight.js";

/**
 * Runs a turn unless the instance has no room for it. A message or card action beyond the limit
 * is answered at once, without looking anyone up: a card action in its invoke response, a message
 * with a reply. Installs and removals are always handled: Teams does not send them again.
 */
export async function runUnlessBusy(context: TurnContext, requests: WorkInFlight, defaultLocale: Locale, run: () => Promise<unknown>): Promise<void> {
  const { type } = context.activity;
  const asks = type === ActivityTypes.Message || type === ActivityTypes.Invoke;
  const admitted = asks ? requests.tryTrack(run) : requests.track(run());
  if (admitted) {
    await admitted;
    return;
  }
  refusedBusy.inc({ platform: "TEAMS" });
  const text = translator(context.activity.locale?.toLowerCase().startsWith("en") ? "en" : defaultLocale)("chat.busy");
  if (type === ActivityTypes.Invoke) {
    const body = { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    return;
  }
  await context.sendActivity(text);
}
