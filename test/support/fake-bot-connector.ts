import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

/**
 * The far side of the network for Teams tests: a local Bot Connector service. Activities'
 * `serviceUrl` points here, so botbuilder's replies, updates, proactive messages and roster
 * look-ups arrive as plain HTTP calls that are recorded.
 */
export interface ConnectorCall {
  method: "POST" | "PUT" | "GET" | "DELETE";
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, any>;
  authorization?: string;
}

export interface RosterMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
}

export interface FakeBotConnectorOptions {
  /** Roster answered by GET /v3/conversations/:id/members/:userId (keyed by id and aadObjectId). */
  members?: RosterMember[];
  /** Answer activity sends with 429 + Retry-After when more than this many arrive per second. */
  sendsPerSecond?: number;
}

export interface FakeBotConnector {
  url: string;
  calls: ConnectorCall[];
  /** Sends and updates answered with a failure status instead (failNext, failConversation), in order. */
  refused: Array<ConnectorCall & { status: number }>;
  /** Activities the bot sent (POST) or replaced (PUT), in order. */
  sent(): ConnectorCall[];
  members: RosterMember[];
  /** The next `count` sends answer with this status (e.g. 429 with Retry-After seconds). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  /** The next `count` attempts to open a conversation (POST /v3/conversations) answer with this status. */
  failCreate(count: number, status: number): void;
  /** Every later send or update in this conversation answers with this status (404: chat deleted, 403: bot removed). */
  failConversation(conversationId: string, status: number): void;
  /** Roster look-ups or sends (replies, updates, proactive messages) wait, unanswered, until the returned function is called. */
  hold(what: "roster" | "send"): () => void;
  /** Sends answered 429 because they came faster than `sendsPerSecond`. */
  readonly rateLimited: number;
  /** With `sendsPerSecond`: when each activity send arrived (Date.now()) and whether it got 429. */
  rateLog: Array<{ at: number; limited: boolean }>;
  /** How many requests are being held right now. */
  heldCount(): number;
  /** Forgets recorded calls and refusals and drops every failure still planned (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const activityPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;
const memberPath = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/;

/** A fake Bot Connector for one test file: started now, closed after the file's tests. */
export async function fakeBotConnectorForFile(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const connector = await startFakeBotConnector(options);
  afterAll(() => connector.close());
  return connector;
}

export async function startFakeBotConnector(options: FakeBotConnectorOptions = {}): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const refused: FakeBotConnector["refused"] = [];
  const failingConversations = new Map<string, number>();
  const members = [...(options.members ?? [])];
  const failures: Array<{ status: number; retryAfter?: number }> = [];
  const createFailures: number[] = [];
  let counter = 0;
  const held = new Map<"roster" | "send", Promise<void>>();
  let holding = 0;
  const rate = { windowStart: 0, inWindow: 0, limited: 0 };
  const rateLog: FakeBotConnector["rateLog"] = [];

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const body = await readJson(req);
    const method = (req.method ?? "GET") as ConnectorCall["method"];
    const gate = held.get(method === "GET" ? "roster" : "send");
    if (gate) {
      holding++;
      await gate;
      holding--;
    }
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(payload));
    };

    const isCreate = method === "POST" && path === "/v3/conversations";
    const isSend = (method === "POST" || method === "PUT") && (activityPath.test(path) || isCreate);
    const createFailure = isCreate ? createFailures.shift() : undefined;
    const activity = activityPath.exec(path);
    const conversationId = activity ? decodeURIComponent(activity[1]!) : "";
    const activityId = activity?.[2] ? decodeURIComponent(activity[2]) : undefined;
    const conversationFailure = isSend && failingConversations.has(conversationId) ? { status: failingConversations.get(conversationId)! } : undefined;
    const failure: { status: number; retryAfter?: number } | undefined = createFailure ? { status: createFailure } : isSend ? (conversationFailure ?? failures.shift()) : undefined;
    if (!failure && options.sendsPerSecond && activity && method === "POST") {
      const now = Date.now();
      if (now - rate.windowStart >= 1000) Object.assign(rate, { windowStart: now, inWindow: 0 });
      rateLog.push({ at: now, limited: rate.inWindow >= options.sendsPerSecond });
      if (rate.inWindow >= options.sendsPerSecond) {
        rate.limited++;
        answer(429, { error: { code: "Throttled", message: "fake rate limit" } }, { "retry-after": "1" });
        return;
      }
      rate.inWindow++;
    }
    if (failure) {
      refused.push({ method, path, conversationId, activityId, body, authorization: req.headers.authorization, status: failure.status });
      const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { "retry-after": String(failure.retryAfter) };
      answer(failure.status, { error: { code: "Failure", message: `fake status ${failure.status}` } }, headers);
      return;
    }

    if (activity && (method === "POST" || method === "PUT")) {
      calls.push({ method, path, conversationId, activityId, body, authorization: req.headers.authorization });
      answer(200, { id: method === "PUT" && activityId ? activityId : `sent-${++counter}` });
      return;
    }
    if (path === "/v3/conversations" && method === "POST") {
      const conversationId = `a:personal-${++counter}`;
      calls.push({ method, path, conversationId, body, authorization: req.headers.authorization });
      answer(200, { id: conversationId, activityId: `sent-${counter}` });
      return;
    }
    const member = memberPath.exec(path);
    if (member && method === "GET") {
      const [conversationId, userId] = [decodeURIComponent(member[1]!), decodeURIComponent(member[2]!)];
      calls.push({ method, path, conversationId, body, authorization: req.headers.authorization });
      const found = members.find((m) => m.id === userId || m.aadObjectId === userId);
      if (found) answer(200, found);
      else answer(404, { error: { code: "MemberNotFoundInConversation", message: "not found" } });
      return;
    }
    answer(404, { error: { code: "NotFound", message: `no fake for ${method} ${path}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    refused,
    sent: () => calls.filter((c) => c.method !== "GET"),
    members,
    failNext(count, status, retryAfterSeconds) {
      for (let i = 0; i < count; i++) failures.push({ status, retryAfter: retryAfterSeconds });
    },
    failCreate(count, status) {
      for (let i = 0; i < count; i++) createFailures.push(status);
    },
    failConversation(conversationId, status) {
      failingConversations.set(conversationId, status);
    },
    hold(what) {
      let release = () => {};
      held.set(what, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        held.delete(what);
        release();
      };
    },
    heldCount: () => holding,
    get rateLimited() {
      return rate.limited;
    },
    rateLog,
    reset() {
      calls.length = 0;
      refused.length = 0;
      failures.length = 0;
      createFailures.length = 0;
      failingConversations.clear();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}
