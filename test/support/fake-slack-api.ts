import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The far side of the network for Slack tests: a local HTTP server speaking the Web API
 * (`https://slack.com/api/<method>`), recording every call. Point Bolt's client at it with
 * `clientOptions.slackApiUrl = fake.url`.
 */
export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  at: number;
}

export interface FakeSlackOptions {
  /** Answer chat.postMessage with 429 + Retry-After when more than this many arrive per second. */
  postMessagesPerSecond?: number;
  /** Users known to users.info / users.lookupByEmail: id → e-mail. */
  users?: Record<string, string>;
  /** Overrides per method; return undefined to fall back to the default answer. */
  handlers?: Record<string, (body: Record<string, unknown>) => Record<string, unknown> | undefined>;
  /** Milliseconds to wait before answering a method, as a slow Slack would. */
  delays?: Record<string, number>;
}

export interface FakeSlackApi {
  url: string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Messages sent to response_url's pointing at `${url}response/<id>` (respond()). */
  responses(): SlackCall[];
  /** A response_url on this fake, as Slack would put in a command or action payload. */
  responseUrl(id: string): string;
  rateLimited: number;
  users: Record<string, string>;
  /** The per-method overrides, changeable while the fake runs (e.g. a channel archived mid-test). */
  handlers: NonNullable<FakeSlackOptions["handlers"]>;
  /** The per-method answer delays, changeable while the fake runs. */
  delays: NonNullable<FakeSlackOptions["delays"]>;
  /** Calls to `method` wait, unanswered, until the returned function is called. */
  hold(method: string): () => void;
  close(): Promise<void>;
}

export async function startFakeSlackApi(options: FakeSlackOptions = {}): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const users = { ...options.users };
  const handlers = { ...options.handlers };
  const delays = { ...options.delays };
  let windowStart = 0;
  let inWindow = 0;
  let messageCounter = 0;
  const history = new Map<string, Array<{ ts: string; text: unknown; metadata: unknown }>>();
  const state = { rateLimited: 0 };
  const held = new Map<string, Promise<void>>();

  const server: Server = createServer(async (req, res) => {
    // files.uploadV2 step 2: the file bytes go to the upload URL we handed out (on this server).
    if ((req.url ?? "").startsWith("/upload/")) {
      const content = await readRaw(req);
      calls.push({ method: "upload", body: { fileId: req.url!.slice("/upload/".length), content }, token: undefined, at: Date.now() });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("OK");
      return;
    }
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    const body = await readBody(req);
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (body.token as string | undefined);

    if (method === "chat.postMessage" && options.postMessagesPerSecond) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (inWindow >= options.postMessagesPerSecond) {
        state.rateLimited++;
        const retryAfter = Math.max(1, Math.ceil((windowStart + 1000 - now) / 1000));
        res.writeHead(429, { "content-type": "application/json", "retry-after": String(retryAfter) });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      inWindow++;
    }

    if (delays[method]) await new Promise((resolve) => setTimeout(resolve, delays[method]));
    const gate = held.get(method);
    if (gate) {
      calls.push({ method: `${method} (held)`, body, token, at: Date.now() });
      await gate;
    }
    calls.push({ method, body, token, at: Date.now() });
    const custom = handlers[method]?.(body);
    const answer = custom ?? defaultAnswer(method, body, users, () => ++messageCounter, origin, history);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(answer));
  });
  let origin = "";
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responses: () => calls.filter((c) => c.method.startsWith("response/")),
    responseUrl: (id) => `${origin}/api/response/${id}`,
    get rateLimited() {
      return state.rateLimited;
    },
    users,
    handlers,
    delays,
    hold(method) {
      let release = () => {};
      held.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(method);
        release();
      };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function defaultAnswer(
  method: string,
  body: Record<string, unknown>,
  users: Record<string, string>,
  nextId: () => number,
  origin: string,
  history: Map<string, Array<{ ts: string; text: unknown; metadata: unknown }>> = new Map(),
): Record<string, unknown> {
  const ts = () => `${Math.floor(Date.now() / 1000)}.${String(nextId()).padStart(6, "0")}`;
  switch (method) {
    case "auth.test":
      return { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T0001", team: "Demo" };
    case "chat.postMessage": {
      const message = { ts: ts(), text: body.text, metadata: body.metadata };
      history.set(String(body.channel), [message, ...(history.get(String(body.channel)) ?? [])]);
      return { ok: true, channel: body.channel, ts: message.ts, message: { text: body.text } };
    }
    case "conversations.history":
      // Newest first, with metadata, as Slack answers with include_all_metadata.
      return { ok: true, messages: (history.get(String(body.channel)) ?? []).slice(0, Number(body.limit ?? 100)) };
    case "chat.update":
      return { ok: true, channel: body.channel, ts: body.ts };
    case "chat.postEphemeral":
      return { ok: true, message_ts: ts() };
    case "conversations.open":
      return { ok: true, channel: { id: `D${String(body.users ?? "X")}` } };
    case "views.open":
    case "views.publish":
    case "views.update":
      return { ok: true, view: { id: `V${nextId()}`, ...(typeof body.view === "string" ? JSON.parse(body.view) : body.view) } };
    case "users.info": {
      const email = users[String(body.user)];
      // As Slack answers for an account whose owner confirmed the address (users:read.email).
      return email ? { ok: true, user: { id: body.user, is_email_confirmed: true, profile: { email } } } : { ok: false, error: "user_not_found" };
    }
    case "users.lookupByEmail": {
      const id = Object.entries(users).find(([, e]) => e === body.email)?.[0];
      return id ? { ok: true, user: { id, is_email_confirmed: true, profile: { email: body.email } } } : { ok: false, error: "users_not_found" };
    }
    case "files.getUploadURLExternal": {
      const fileId = `F${nextId()}`;
      return { ok: true, upload_url: `${origin}/upload/${fileId}`, file_id: fileId };
    }
    case "files.completeUploadExternal":
      return { ok: true, files: [{ id: "F1" }] };
    default:
      return { ok: true };
  }
}

async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readRaw(req);
  if (!raw) return {};
  if ((req.headers["content-type"] ?? "").includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // The Web API client form-encodes nested values (blocks, view) as JSON strings.
  for (const key of ["blocks", "view", "attachments", "metadata"]) {
    if (typeof form[key] === "string") {
      try {
        (form as Record<string, unknown>)[key] = JSON.parse(form[key]);
      } catch {
        // leave as sent: the test asserting on it will show the raw value
      }
    }
  }
  return form;
}
