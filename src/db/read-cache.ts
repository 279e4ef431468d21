import { LRUCache } from "lru-cache";
import { EVERYTHING, type ChangeFeed } from "./change-feed.js";

/** What a read returns: the value, and the change tags of the rows it came from (null: do not keep). */
export interface Loaded<T> {
  value: T;
  tags: readonly string[] | null;
}

/**
 * Reads that every chat request repeats (who is this user, what did their employer report) kept
 * in memory until the database announces a change to a row they came from. Cached values are
 * shared between requests: treat them as read-only.
 */
export interface ReadCache {
  get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T>;
}

/** For work outside a chat request (a scheduled step, a benchmark of the query itself): always reads. */
export const readThrough: ReadCache = {
  get: async (_key, load) => (await load()).value,
};

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Reads while the change feed was not live, straight from the database. */
  bypassed: number;
  size: number;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
}

export interface ReadCacheOptions {
  /** Enough for every member of a few large networks; an entry is a few hundred bytes. */
  maxEntries?: number;
  /** A ceiling on how long anything is trusted, should a change ever go unannounced. */
  ttlMs?: number;
}

export class TaggedReadCache implements ReadCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Promise<unknown>>();
  /** Bumped on every announced change: a read that overlapped one may be stale and is not kept. */
  private epoch = 0;
  private readonly counts = { hits: 0, misses: 0, bypassed: 0 };

  constructor(
    private readonly feed: ChangeFeed,
    options: ReadCacheOptions = {},
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: options.maxEntries ?? 20_000,
      ttl: options.ttlMs ?? 15 * 60_000,
      dispose: (entry, key) => this.unindex(key, entry.tags),
    });
    feed.subscribe((tag) => this.invalidate(tag));
  }

  async get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    if (!this.feed.live) {
      this.counts.bypassed++;
      return (await load()).value;
    }
    const hit = this.entries.get(key);
    if (hit) {
      this.counts.hits++;
      return hit.value as T;
    }
    this.counts.misses++;
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const loaded = this.loadAndKeep(key, load);
    this.loading.set(key, loaded);
    try {
      return await loaded;
    } finally {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    }
  }

  stats(): ReadCacheStats {
    return { ...this.counts, size: this.entries.size };
  }

  private async loadAndKeep<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
    const epoch = this.epoch;
    const { value, tags } = await load();
    if (tags && epoch === this.epoch && this.feed.live) {
      this.entries.set(key, { value, tags });
      for (const tag of tags) {
        let keys = this.keysByTag.get(tag);
        if (!keys) this.keysByTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
    }
    return value;
  }

  private invalidate(tag: string): void {
    this.epoch++;
    // Reads in progress started before this change: later requests must not join them.
    this.loading.clear();
    if (tag === EVERYTHING) return this.entries.clear();
    const keys = this.keysByTag.get(tag);
    if (keys) for (const key of [...keys]) this.entries.delete(key);
  }

  private unindex(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
