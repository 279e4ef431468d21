import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

/** The channel the triggers of migration `change_feed` notify on. */
export const CHANGES_CHANNEL = "netwerkbot_changes";
/** "Anything may have changed": a TRUNCATE, or notifications that may have been missed. */
export const EVERYTHING = "*";

/** The tags the triggers send (migration `change_feed`): read caches name what they read by them. */
export const changeTag = {
  network: (id: string) => `network:${id}`,
  employer: (id: string) => `employer:${id}`,
  person: (id: string) => `person:${id}`,
  identity: (platform: string, tenantId: string, externalUserId: string) => `identity:${platform}:${tenantId}:${externalUserId}`,
  binding: (platform: string, tenantId: string) => `binding:${platform}:${tenantId}`,
};

export type ChangeListener = (tag: string) => void;

/**
 * Which rows changed, told by the database after every commit, in every instance: tags such as
 * "employer:<id>" or "identity:SLACK:<team>:<user>", or EVERYTHING.
 */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  /** False while notifications could be missed (connection lost): nothing may be served from memory. */
  readonly live: boolean;
  close(): Promise<void>;
}

class Listeners {
  private readonly listeners = new Set<ChangeListener>();

  add(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(tag: string): void {
    for (const listener of this.listeners) listener(tag);
  }
}

/**
 * PGlite runs in this process and delivers a commit's notifications before the committing query
 * returns, so the feed is always live and a writer's next read already sees its own change.
 */
export async function pgliteChangeFeed(pglite: PGlite): Promise<ChangeFeed> {
  const listeners = new Listeners();
  const unlisten = await pglite.listen(CHANGES_CHANNEL, (tag) => listeners.emit(tag));
  return {
    live: true,
    subscribe: (listener) => listeners.add(listener),
    close: async () => {
      if (!pglite.closed) await unlisten();
    },
  };
}

export interface PostgresFeedOptions {
  onConnectionError: (error: Error) => void;
  /** First wait before reconnecting; doubles up to maxRetryMs. */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * PostgreSQL: one dedicated connection LISTENs (a pooled one would be handed to queries). When it
 * drops, the feed is not live and announces EVERYTHING, because notifications sent meanwhile are
 * lost; it reconnects with backoff and announces EVERYTHING again once listening.
 */
export async function postgresChangeFeed(url: string, options: PostgresFeedOptions): Promise<ChangeFeed> {
  const listeners = new Listeners();
  const retryMs = options.retryMs ?? 100;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  let current: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let wait = retryMs;

  const discard = (client: pg.Client) => {
    client.removeAllListeners();
    // A dropped connection may still report its end; the feed has already moved on.
    client.on("error", options.onConnectionError);
    client.end().catch(options.onConnectionError);
  };

  const reconnectLater = () => {
    if (closed) return;
    retry = setTimeout(() => void connect(), wait);
    retry.unref();
    wait = Math.min(wait * 2, maxRetryMs);
  };

  const lose = (client: pg.Client, error?: Error) => {
    if (error) options.onConnectionError(error);
    if (client !== current) return;
    current = undefined;
    discard(client);
    listeners.emit(EVERYTHING);
    reconnectLater();
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on("error", options.onConnectionError);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      options.onConnectionError(error as Error);
      discard(client);
      return reconnectLater();
    }
    if (closed) return discard(client);
    client.removeAllListeners("error");
    client.on("error", (error) => lose(client, error));
    client.on("end", () => lose(client));
    client.on("notification", (message) => {
      if (message.channel === CHANGES_CHANNEL) listeners.emit(message.payload || EVERYTHING);
    });
    current = client;
    wait = retryMs;
    listeners.emit(EVERYTHING);
  };

  await connect();
  return {
    get live() {
      return current !== undefined;
    },
    subscribe: (listener) => listeners.add(listener),
    async close() {
      closed = true;
      clearTimeout(retry);
      const client = current;
      current = undefined;
      if (!client) return;
      client.removeAllListeners();
      client.on("error", options.onConnectionError);
      await client.end();
    },
  };
}
