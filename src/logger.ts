import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string, pretty = process.stdout.isTTY): Logger {
  return pino({
    level,
    base: undefined,
    // Never log tokens or secrets that may appear in platform payloads.
    redact: ["*.token", "*.bot_token", "*.access_token", "*.password", "*.authorization", "req.headers.authorization"],
    transport: pretty ? { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } } : undefined,
  });
}
