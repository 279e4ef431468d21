import { z } from "zod";
import type { SendResult } from "../../delivery/sender.js";

// What nodemailer puts on an error: its own code (EENVELOPE, EMESSAGE, ECONNECTION, EAUTH, …) and,
// when the server answered, the SMTP reply code and text.
const nodemailerError = z.object({
  code: z.string().optional(),
  responseCode: z.number().int().optional(),
  response: z.string().optional(),
  message: z.string(),
});

export type SmtpFailure = Extract<SendResult, { ok: false }> & {
  /** The server refused this recipient or message for good: the address is marked as failing. */
  addressRefused: boolean;
};

/**
 * RFC 5321: a 5yz reply is a permanent refusal, a 4yz one transient (greylisting, a full
 * mailbox, throttling). 503 (bad sequence) is the server's state, not the message: retried.
 * A refusal of our credentials (EAUTH) is our configuration, not the address: retried and
 * logged, so fixing SMTP_URL lets the queue flow without marking every address as failing.
 */
export function smtpFailure(error: unknown): SmtpFailure {
  const parsed = nodemailerError.safeParse(error);
  if (!parsed.success) return { ok: false, error: String(error), permanent: false, maybeDelivered: true, addressRefused: false };
  const { code, responseCode, response, message } = parsed.data;
  const reason = (response ?? message).replace(/\s+/g, " ").trim().slice(0, 500);
  if (responseCode === undefined) {
    // No answer to the message itself (connection lost, timeout): it may have been accepted.
    return { ok: false, error: `${code ?? "smtp"}: ${reason}`, permanent: false, maybeDelivered: true, addressRefused: false };
  }
  const permanent = responseCode >= 500 && responseCode !== 503 && code !== "EAUTH";
  return { ok: false, error: `smtp ${responseCode}: ${reason}`, permanent, addressRefused: permanent && (code === "EENVELOPE" || code === "EMESSAGE") };
}
