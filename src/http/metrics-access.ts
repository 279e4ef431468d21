import type { Request, RequestHandler } from "express";
import { adminTokenMatches as secretMatches } from "../dashboard/auth.js";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

/**
 * /metrics tells whoever reads it how busy the bot is, what fails and how it is built: only for
 * the operator. With METRICS_TOKEN it asks for that bearer token; without, it answers only a
 * request made on this machine directly, and a request a proxy forwarded is not that even when
 * the proxy runs here.
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (token) {
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
      if (secretMatches(given, token)) return next();
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').type("text").send("Unauthorized");
      return;
    }
    if (isDirectFromThisMachine(req)) return next();
    res.status(403).type("text").send("Forbidden: /metrics answers only on this machine; set METRICS_TOKEN to read it from elsewhere.");
  };
}

function isDirectFromThisMachine(req: Request): boolean {
  if (FORWARDING_HEADERS.some((header) => req.headers[header] !== undefined)) return false;
  const address = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  return address === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}
