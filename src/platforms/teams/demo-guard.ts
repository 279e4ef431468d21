import type { RequestHandler } from "express";
import type { Logger } from "../../logger.js";

/**
 * Demo mode's /api/messages checks no token, so anyone who reaches it can post an activity, and
 * botbuilder sends its replies (and a roster look-up would go) to whatever `serviceUrl` that
 * activity names: a request forgery into any network the bot can reach. The Emulator listens on
 * this machine, so only a loopback serviceUrl is served.
 */
export function loopbackServiceUrlOnly(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const serviceUrl: unknown = (req.body as { serviceUrl?: unknown } | undefined)?.serviceUrl;
    if (isLoopbackUrl(serviceUrl)) return next();
    logger.warn({ serviceUrl: typeof serviceUrl === "string" ? serviceUrl.slice(0, 200) : typeof serviceUrl }, "Teams demo mode: activity with a serviceUrl off this machine refused");
    res.status(403).type("text").send("Demo-modus: serviceUrl moet naar deze machine wijzen (localhost, 127.0.0.1 of [::1]).");
  };
}

/** http(s) to localhost, 127.0.0.0/8 or [::1], as the WHATWG URL parser (and so botbuilder) reads it. */
export function isLoopbackUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // The parser has already turned 2130706433, 0x7f.1 and the like into dotted decimal.
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}
