import { createServer, type Server } from "node:http";
import type { Express } from "express";

/**
 * How long a client may take, and how many may be connected. Node's defaults (headers within
 * 60 s, checked every 30 s; a whole request within 5 minutes; no connection cap) let 300
 * slow-loris connections, trickling header bytes, stay open for 72 s and more.
 */
export interface HttpServerLimits {
  /** The request line and headers must have arrived within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, within this: Slack and Teams send theirs at once. */
  requestTimeoutMs: number;
  /** A kept-alive connection waiting for its next request is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often the two timeouts above are checked. */
  checkIntervalMs: number;
  /** Connections beyond this are closed as they arrive (HTTP_MAX_CONNECTIONS). */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: Omit<HttpServerLimits, "maxConnections"> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
};

export function listen(app: Express, port: number, host: string, limits: HttpServerLimits): Promise<Server> {
  const server = createServer(
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: limits.checkIntervalMs },
    app,
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
