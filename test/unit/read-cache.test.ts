import { describe, expect, it } from "vitest";
import { EVERYTHING, type ChangeFeed, type ChangeListener } from "../../src/db/change-feed.js";
import { TaggedReadCache } from "../../src/db/read-cache.js";

// The races between a read in progress and a change announced meanwhile, with the database's
// notifications replaced by a feed the test drives (the real feeds: integration/read-cache).
function drivenFeed() {
  const listeners = new Set<ChangeListener>();
  const feed = {
    live: true,
    subscribe(listener: ChangeListener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close: async () => {},
    announce: (tag: string) => listeners.forEach((listener) => listener(tag)),
  };
  return feed satisfies ChangeFeed;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("TaggedReadCache", () => {
  it("loads once for simultaneous requests and serves the rest from memory", async () => {
    const cache = new TaggedReadCache(drivenFeed());
    let loads = 0;
    const load = async () => ({ value: ++loads, tags: ["employer:1"] });

    const values = await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)]);

    expect(values).toEqual([1, 1, 1]);
    expect(await cache.get("k", load)).toBe(1);
    expect(loads).toBe(1);
  });

  it("drops exactly the entries that read a changed row", async () => {
    const feed = drivenFeed();
    const cache = new TaggedReadCache(feed);
    let loads = 0;
    await cache.get("a", async () => ({ value: ++loads, tags: ["employer:1", "network:9"] }));
    await cache.get("b", async () => ({ value: ++loads, tags: ["employer:2", "network:9"] }));

    feed.announce("employer:1");

    expect(await cache.get("a", async () => ({ value: ++loads, tags: ["employer:1", "network:9"] }))).toBe(3);
    expect(await cache.get("b", async () => ({ value: ++loads, tags: [] }))).toBe(2);
    feed.announce("network:9");
    expect(cache.stats().size).toBe(0);
  });

  it("does not keep a read that a change overtook, and does not hand it to later requests", async () => {
    const feed = drivenFeed();
    const cache = new TaggedReadCache(feed);
    const slow = deferred<{ value: string; tags: string[] }>();
    const inProgress = cache.get("k", () => slow.promise);

    feed.announce("employer:1"); // committed while the read above was on its way
    const later = cache.get("k", async () => ({ value: "new", tags: ["employer:1"] }));
    slow.resolve({ value: "old", tags: ["employer:1"] });

    expect(await inProgress).toBe("old");
    expect(await later).toBe("new");
    expect(await cache.get("k", async () => ({ value: "unexpected", tags: [] }))).toBe("new");
  });

  it("keeps nothing a load marks as not cacheable, and forgets all on EVERYTHING", async () => {
    const feed = drivenFeed();
    const cache = new TaggedReadCache(feed);
    let loads = 0;
    await cache.get("unknown", async () => ({ value: null, tags: null }));
    await cache.get("unknown", async () => ({ value: ++loads, tags: null }));
    await cache.get("known", async () => ({ value: ++loads, tags: ["person:1"] }));
    expect(cache.stats().size).toBe(1);

    feed.announce(EVERYTHING);

    expect(cache.stats().size).toBe(0);
  });

  it("reads straight from the database while the feed is not live", async () => {
    const feed = drivenFeed();
    const cache = new TaggedReadCache(feed);
    feed.live = false;
    let loads = 0;
    await cache.get("k", async () => ({ value: ++loads, tags: ["person:1"] }));
    await cache.get("k", async () => ({ value: ++loads, tags: ["person:1"] }));

    expect(loads).toBe(2);
    expect(cache.stats()).toMatchObject({ bypassed: 2, size: 0 });
  });

  it("evicts the least recently used entry beyond its size", async () => {
    const feed = drivenFeed();
    const cache = new TaggedReadCache(feed, { maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => ({ value: key, tags: [`person:${key}`] }));

    expect(cache.stats().size).toBe(2);
    expect(await cache.get("a", async () => ({ value: "reloaded", tags: ["person:a"] }))).toBe("reloaded");
  });
});
