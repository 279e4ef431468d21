import type { PGlite } from "@electric-sql/pglite";

type Job = () => Promise<void>;

/**
 * PGlite runs in our event loop, one statement at a time, and hands its lock from one waiting
 * query to the next without ever returning to the loop: under a burst, incoming HTTP requests
 * (Slack's 3-second acks) would wait until every queued query is done. This queue runs the
 * queries for Prisma one by one, giving the loop a turn (setImmediate) between them.
 */
export function withTurnsBetweenQueries(pglite: PGlite): PGlite {
  const waiting: Job[] = [];
  let running = false;

  const next = () => {
    const job = waiting.shift();
    if (!job) {
      running = false;
      return;
    }
    void job().finally(() => setImmediate(next));
  };

  const inTurn = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      waiting.push(() => work().then(resolve, reject));
      if (!running) {
        running = true;
        setImmediate(next);
      }
    });

  return new Proxy(pglite, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      // The adapter's statements and transactions take turns; everything else is PGlite's own.
      if (property === "query" || property === "exec" || property === "transaction") {
        return (...args: unknown[]) => inTurn(() => method.apply(target, args));
      }
      return method.bind(target);
    },
  });
}
