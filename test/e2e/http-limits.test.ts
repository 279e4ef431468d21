import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { BODY_LIMITS } from "../../src/http/body-limits.js";
import { DEFAULT_HTTP_LIMITS } from "../../src/http/listen.js";
import { createTestDatabase } from "../support/databases.js";
import { startFakeSlackApi, type FakeSlackApi } from "../support/fake-slack-api.js";
import { startFakeOpenId, type FakeOpenId } from "../support/fake-openid.js";
import { openRaw, serverReads, statusOf } from "../support/raw-http.js";
import { FORM, SIGNING_SECRET } from "../support/slack-requests.js";
import { teamsAppEnv } from "../support/teams-channel-auth.js";
import { startTestApp } from "../support/test-app.js";

// Issue 15.5: what an unauthenticated client can make the server spend before any signature or
// token is looked at. Real sockets against the real app (Bolt and botbuilder mounted); the
// database plays no part here, so the embedded one is enough.
const MB = 1024 * 1024;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let fakeSlack: FakeSlackApi;
let openId: FakeOpenId;
beforeAll(async () => {
  database = await createTestDatabase("pglite");
  fakeSlack = await startFakeSlackApi();
  openId = await startFakeOpenId();
});
afterAll(async () => {
  await fakeSlack?.close();
  await openId?.close();
  await database?.drop();
});

const platforms = () => ({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: fakeSlack.url, ...teamsAppEnv(openId), ADMIN_TOKEN: "admin-token-for-tests-0123456789" });
const portOf = (app: RunningApp) => (app.server.address() as AddressInfo).port;
const head = (path: string, length: number, type = FORM) => `POST ${path} HTTP/1.1\r\nHost: bot\r\nContent-Type: ${type}\r\nContent-Length: ${length}\r\n\r\n`;

describe("request bodies, before authentication", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp(database.db, platforms());
  });
  afterAll(() => app?.close());

  it.each([
    ["/slack/events", BODY_LIMITS.slack],
    ["/api/messages", BODY_LIMITS.teams],
    ["/dashboard/login", BODY_LIMITS.dashboard],
    ["/dashboard/members/import", BODY_LIMITS.memberImport],
    ["/anything/else", BODY_LIMITS.other],
  ])("refuses a body to %s one byte over its limit with 413 as soon as the headers arrive, and closes the connection", async (path, limit) => {
    const reads = serverReads(app.server);
    const client = await openRaw(portOf(app));

    // Only the headers are sent: the answer must come without waiting for the body.
    const request = head(path, limit + 1);
    client.socket.write(request);
    const received = await client.closed;

    expect(statusOf(received)).toBe(413);
    expect(received).toMatch(/\r\nConnection: close\r\n/i);
    expect(reads.total()).toBe(request.length);
  });

  it("reads a body at its route's limit (and then refuses it for lack of a signature)", async () => {
    const body = `payload=${"x".repeat(BODY_LIMITS.slack - 8)}`;
    const response = await fetch(`${app.url}/slack/events`, { method: "POST", headers: { "content-type": FORM }, body });
    expect(response.status).toBe(401);
  });

  it("refuses 60 parallel unsigned 4 MB bodies reading only their headers, while /healthz answers", async () => {
    const reads = serverReads(app.server);
    const clients = await Promise.all(Array.from({ length: 60 }, () => openRaw(portOf(app))));
    const request = head("/slack/events", 4 * MB);
    for (const client of clients) client.socket.write(request);

    const health = await fetch(`${app.url}/healthz`);
    const answers = await Promise.all(clients.map((c) => c.closed));

    expect(health.status).toBe(200);
    expect(answers.map(statusOf)).toEqual(answers.map(() => 413));
    // 60 × 4 MB were announced; the server read the headers of the 60 and of the health check.
    expect(reads.total()).toBeLessThan(60 * request.length + 2_000);
  });

  it("stops reading a body sent without a length (chunked) soon after its route's limit", async () => {
    const reads = serverReads(app.server);
    const client = await openRaw(portOf(app));
    client.socket.write(`POST /slack/events HTTP/1.1\r\nHost: bot\r\nContent-Type: ${FORM}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, "x");
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    let sent = 0;
    let open = true;
    void client.closed.then(() => (open = false));
    // Up to 8 MB, as fast as the connection takes it, until the server closes it.
    while (open && sent < 8 * MB) {
      if (!client.socket.write(frame)) await new Promise((resolve) => client.socket.once("drain", resolve).once("close", resolve));
      sent += frame.length;
    }
    const received = await client.closed;

    expect(statusOf(received)).toBe(413);
    expect(reads.total()).toBeLessThan(BODY_LIMITS.slack + MB / 2);
  });
});

describe("slow clients", () => {
  it("closes connections that trickle their headers (slow-loris) once the headers timeout passes", async () => {
    const app = await startTestApp(database.db, platforms(), { http: { headersTimeoutMs: 1_000, checkIntervalMs: 100 } });
    try {
      const clients = await Promise.all(Array.from({ length: 300 }, () => openRaw(portOf(app))));
      // One header line every 100 ms, never the blank line that ends them.
      const trickle = setInterval(() => {
        for (const c of clients) if (!c.socket.destroyed) c.socket.write("X-Slow: 1\r\n");
      }, 100);
      for (const c of clients) c.socket.write("GET /healthz HTTP/1.1\r\nHost: bot\r\n");
      const answers = await Promise.all(clients.map((c) => c.closed)).finally(() => clearInterval(trickle));
      expect(answers.map(statusOf)).toEqual(answers.map(() => 408));
    } finally {
      await app.close();
    }
  });

  it("closes a connection that trickles its body once the request timeout passes", async () => {
    const app = await startTestApp(database.db, platforms(), { http: { requestTimeoutMs: 1_500, headersTimeoutMs: 1_000, checkIntervalMs: 100 } });
    try {
      const client = await openRaw(portOf(app));
      client.socket.write(head("/slack/events", 1_000));
      const trickle = setInterval(() => !client.socket.destroyed && client.socket.write("x"), 100);
      const received = await client.closed.finally(() => clearInterval(trickle));
      expect(statusOf(received)).toBe(408);
    } finally {
      await app.close();
    }
  });

  it("runs with the timeouts and connection cap meant for production", async () => {
    const app = await startTestApp(database.db, platforms());
    try {
      expect(app.server).toMatchObject({
        headersTimeout: DEFAULT_HTTP_LIMITS.headersTimeoutMs,
        requestTimeout: DEFAULT_HTTP_LIMITS.requestTimeoutMs,
        keepAliveTimeout: DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs,
        maxConnections: 1_000,
      });
      expect(DEFAULT_HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(10_000);
    } finally {
      await app.close();
    }
  });

  it("closes connections beyond HTTP_MAX_CONNECTIONS as they arrive, and serves again once one is free", async () => {
    const app = await startTestApp(database.db, { ...platforms(), HTTP_MAX_CONNECTIONS: "10" }, { http: { headersTimeoutMs: 60_000, requestTimeoutMs: 60_000 } });
    const connections = () => new Promise<number>((resolve, reject) => app.server.getConnections((error, n) => (error ? reject(error) : resolve(n))));
    try {
      const held = await Promise.all(Array.from({ length: 10 }, () => openRaw(portOf(app))));
      await expect.poll(connections).toBe(10);

      const extra = await Promise.all(Array.from({ length: 5 }, () => openRaw(portOf(app))));
      const refused = await Promise.all(extra.map((c) => c.closed));
      expect(refused).toEqual(["", "", "", "", ""]);

      held[0]!.socket.destroy();
      await expect.poll(connections).toBe(9);
      const again = await openRaw(portOf(app));
      again.socket.write("GET /healthz HTTP/1.1\r\nHost: bot\r\nConnection: close\r\n\r\n");
      expect(statusOf(await again.closed)).toBe(200);
      for (const c of held) c.socket.destroy();
    } finally {
      await app.close();
    }
  });
});
