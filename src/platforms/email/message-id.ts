import { createHash } from "node:crypto";

/**
 * The Message-ID is derived from the outbox key, so a retry of the same message carries the same
 * id: mail clients and servers that see it twice (after a crash between the server's 250 and our
 * record) show it once.
 */
export function messageIdFor(idempotencyKey: string, fromAddress: string): string {
  const domain = fromAddress.split("@").pop() || "netwerkbot.invalid";
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 40)}@${domain}>`;
}
