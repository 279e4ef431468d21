import { createHmac } from "node:crypto";

/** Payload factories and Slack's v0 request signing, for sending the app what Slack would send. */
export const TEAM = "T0001";
export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

export interface SignOptions {
  secret?: string;
  /** Unix seconds; default now. Older than 5 minutes must be refused. */
  timestamp?: number;
  retryNum?: number;
}

export function signatureHeaders(rawBody: string, options: SignOptions = {}): Record<string, string> {
  const ts = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", options.secret ?? SIGNING_SECRET).update(`v0:${ts}:${rawBody}`).digest("hex");
  return {
    "x-slack-request-timestamp": ts,
    "x-slack-signature": `v0=${signature}`,
    ...(options.retryNum ? { "x-slack-retry-num": String(options.retryNum), "x-slack-retry-reason": "http_timeout" } : {}),
  };
}

export interface SlackResponse {
  status: number;
  text: string;
  json: unknown;
}

export async function postSlack(baseUrl: string, rawBody: string, contentType: string, options: SignOptions & { unsigned?: boolean } = {}): Promise<SlackResponse> {
  const headers = { "content-type": contentType, ...(options.unsigned ? {} : signatureHeaders(rawBody, options)) };
  const res = await fetch(`${baseUrl}/slack/events`, { method: "POST", headers, body: rawBody });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

let counter = 0;
const nextId = () => `${Date.now()}${++counter}`;

export interface SlashOptions {
  user: string;
  text: string;
  channel?: string;
  responseUrl: string;
  team?: string;
}

export function slashBody(o: SlashOptions): string {
  return new URLSearchParams({
    token: "legacy-unused",
    team_id: o.team ?? TEAM,
    team_domain: "demo",
    channel_id: o.channel ?? "C0GENERAL",
    channel_name: "algemeen",
    user_id: o.user,
    user_name: o.user.toLowerCase(),
    command: "/netwerk",
    text: o.text,
    api_app_id: "A0001",
    response_url: o.responseUrl,
    trigger_id: `trigger.${nextId()}`,
  }).toString();
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export function interactiveBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface ActionOptions {
  user: string;
  actionId: string;
  value?: string;
  channel?: string;
  messageTs?: string;
  responseUrl?: string;
  fromHome?: boolean;
}

export function blockActionPayload(o: ActionOptions): Record<string, unknown> {
  const channel = o.channel ?? "C0GENERAL";
  return {
    type: "block_actions",
    user: { id: o.user, team_id: TEAM },
    team: { id: TEAM, domain: "demo" },
    api_app_id: "A0001",
    trigger_id: `trigger.${nextId()}`,
    ...(o.fromHome
      ? { container: { type: "view", view_id: "VHOME" }, view: { id: "VHOME", type: "home" } }
      : {
          container: { type: "message", channel_id: channel, message_ts: o.messageTs ?? "1764064800.000100", is_ephemeral: false },
          channel: { id: channel, name: "algemeen" },
          message: { ts: o.messageTs ?? "1764064800.000100", text: "" },
          response_url: o.responseUrl,
        }),
    actions: [{ type: "button", action_id: o.actionId, block_id: "b1", value: o.value ?? "", action_ts: "1764064801.000000" }],
  };
}

/** A view_submission for a modal the app opened (its view as sent to views.open) with typed values. */
export function viewSubmissionPayload(user: string, openedView: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const blocks = (openedView.blocks as Array<{ block_id: string; element: { type: string } }>) ?? [];
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of blocks) {
    const v = values[block.block_id];
    const type = block.element.type;
    const input =
      type === "static_select"
        ? { type, selected_option: v === undefined ? null : { value: String(v) } }
        : type === "datetimepicker"
          ? { type, selected_date_time: v ?? null }
          : type === "datepicker"
            ? { type, selected_date: v ?? null }
            : { type, value: v === undefined ? null : v };
    state[block.block_id] = { value: input };
  }
  return {
    type: "view_submission",
    team: { id: TEAM, domain: "demo" },
    user: { id: user, team_id: TEAM },
    api_app_id: "A0001",
    view: {
      id: "V1",
      type: "modal",
      callback_id: openedView.callback_id,
      private_metadata: openedView.private_metadata,
      state: { values: state },
      hash: "h",
    },
  };
}

export function eventBody(event: Record<string, unknown>, eventId = `Ev${nextId()}`): string {
  return JSON.stringify({
    token: "legacy-unused",
    team_id: TEAM,
    api_app_id: "A0001",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  });
}
