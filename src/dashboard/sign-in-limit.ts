import { createHash } from "node:crypto";
import { isIPv6 } from "node:net";
import type { Request, RequestHandler } from "express";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { CoreDeps } from "../core/deps.js";
import { translator, type Locale } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { messagePage } from "./pages/layout.js";

// Guessing ADMIN_TOKEN (at least 24 characters) or a link token (256 bits) is hopeless at any
// rate, yet 3,000 guesses at 400/s were all answered. A client now has 10 attempts per 15 minutes;
// the next one locks it out for 15 minutes, in which even the right token or link is refused.
// A sign-in that works gives its attempt back, so people who sign in often are not locked out,
// while a guesser cannot earn attempts with a link of their own.
export const SIGN_IN_ATTEMPTS = 10;
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const SIGN_IN_LOCKOUT_SECONDS = 15 * 60;

/**
 * Counts sign-in attempts per client in the database (rate-limiter-flexible's Prisma store on
 * the RateLimitCounter table), so every instance behind one address counts the same attempts.
 * The attempt is counted before the token is looked at: a burst of parallel guesses cannot
 * slip through before the first failures are written.
 */
export function signInLimiter({ deps, logger, defaultLocale }: { deps: CoreDeps; logger: Logger; defaultLocale: Locale }): RequestHandler {
  const limiter = new RateLimiterPrisma({
    storeClient: deps.db,
    tableName: "rateLimitCounter",
    keyPrefix: "dashboard-sign-in",
    points: SIGN_IN_ATTEMPTS,
    duration: SIGN_IN_WINDOW_SECONDS,
    blockDuration: SIGN_IN_LOCKOUT_SECONDS,
    // A client locked out here is refused from memory, without a query, while it hammers on.
    inMemoryBlockOnConsumed: SIGN_IN_ATTEMPTS + 1,
    inMemoryBlockDuration: SIGN_IN_LOCKOUT_SECONDS,
    // Its own timer would outlive a closed database; expired rows are cleared below instead.
    clearExpiredByTimeout: false,
  });
  const t = translator(defaultLocale);
  let lastCleared = 0;

  return async (req, res, next) => {
    const key = clientKey(req);
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) return next(rejection);
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      logger.warn({ client: key, retryAfterSeconds: seconds }, "Dashboard: inloggen geweigerd na te veel pogingen");
      res.status(429).set("Retry-After", String(seconds)).type("html").send(messagePage(t, defaultLocale, t("dashboard.signIn.lockedOut", { minutes: Math.ceil(seconds / 60) })));
      return;
    }
    // The sign-in route answers a session with a redirect; anything else was a failed attempt.
    // The attempt is given back before that answer leaves, so the browser's next attempt cannot
    // be counted before it.
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      if (res.statusCode !== 303) return end(...args);
      limiter
        .reward(key, 1)
        .catch((error: unknown) => logger.warn({ err: error }, "Dashboard: inlogpoging niet teruggegeven"))
        .finally(() => end(...args));
      return res;
    }) as typeof res.end;
    // The library reckons windows by the system clock, so its rows are cleared by that clock too.
    if (Date.now() - lastCleared > SIGN_IN_WINDOW_SECONDS * 1000) {
      lastCleared = Date.now();
      deps.db.rateLimitCounter
        .deleteMany({ where: { expire: { lt: new Date() } } })
        .catch((error: unknown) => logger.warn({ err: error }, "Dashboard: verlopen inlogtellers niet opgeruimd"));
    }
    next();
  };
}

/**
 * The client as far as we can tell (Express's req.ip, which follows TRUST_PROXY), hashed so the
 * table holds no addresses. An IPv6 client usually has a whole /64 to pick addresses from.
 */
function clientKey(req: Request): string {
  const address = (req.ip ?? req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  const client = isIPv6(address) ? `${ipv6Prefix64(address)}::/64` : address;
  return createHash("sha256").update(client).digest("base64url").slice(0, 22);
}

function ipv6Prefix64(address: string): string {
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, "")).join(":");
}
