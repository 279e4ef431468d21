import { LogLevel, type webApi } from "@slack/bolt";

/**
 * The Web API client's defaults retry a failing call 10 times over ~30 minutes; one stuck send
 * would then hold an outbox worker (or a user's answer) for half an hour. Two quick retries cover
 * a network blip; anything longer is the outbox's job, which reschedules with backoff.
 */
export const boundedRetryConfig: webApi.RetryOptions = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000, randomize: true };

export interface SlackClientSettings {
  /** Tests point this at the local fake Web API; production leaves it unset. */
  apiUrl?: string;
}

export function slackClientOptions(settings: SlackClientSettings, extra: Partial<webApi.WebClientOptions> = {}): webApi.WebClientOptions {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: boundedRetryConfig,
    timeout: 10_000,
    logLevel: LogLevel.WARN,
    ...extra,
  };
}
