import type { SendResult } from "../../delivery/sender.js";

// Teams asks bots to retry these; 429 (and sometimes 503) carries Retry-After (seconds).
const TRANSIENT = new Set([408, 412, 429, 500, 502, 503, 504]);
// The conversation or the bot's place in it is gone: retrying cannot help.
const PERMANENT = new Set([400, 401, 403, 404, 410]);

/** A failed Bot Connector call as an outbox result. Unknown errors stay retryable. */
export function sendFailure(error: unknown): Extract<SendResult, { ok: false }> {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  // No HTTP answer: the connector may have created the activity before the connection broke.
  if (status === undefined) return { ok: false, error: message, permanent: false, maybeDelivered: true };
  const retryAfterMs = status === 429 || status === 503 ? retryAfter(error) : undefined;
  return {
    ok: false,
    error: `HTTP ${status}: ${message}`.slice(0, 500),
    permanent: PERMANENT.has(status) && !TRANSIENT.has(status),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/** 404: the message or conversation is gone; 403: the bot may no longer write there (removed). */
export function isGone(error: unknown): boolean {
  const status = statusOf(error);
  return status === 403 || status === 404;
}

/** The HTTP status of a failed Bot Connector call, when it got that far. */
export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; response?: { status?: unknown } } | null;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === "number" ? status : undefined;
}

function retryAfter(error: unknown): number | undefined {
  const headers = (error as { response?: { headers?: { get?(name: string): string | undefined | null } } }).response?.headers;
  const value = headers?.get?.("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
