import { webApi } from "@slack/bolt";

/** The code of a Web API call Slack answered with ok: false (e.g. "channel_not_found"), else undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  return error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : undefined;
}
