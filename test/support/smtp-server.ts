import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  /** RCPT TO of the session (the envelope), lower case. */
  to: string[];
  raw: Buffer;
}

/** How the server answers RCPT TO for an address: a reply code and text, `times` times (then accepts). */
export interface Refusal {
  code: number;
  text: string;
  times?: number;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Refuse an address at RCPT TO (5xx for good, 4xx for the given number of attempts). */
  refuse(address: string, refusal: Refusal): void;
  /** Every received mail parsed by mailparser. */
  parsed(): Promise<ParsedMail[]>;
  /** Received mails per envelope recipient. */
  countsByRecipient(): Map<string, number>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the smtp-server package) on a free loopback port, without TLS or
 * authentication, that keeps what it receives: the far side of the e-mail channel.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, Refusal & { seen: number }>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // A fan-out uses a pool of connections; the default of 100 clients is plenty.
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (refusal && (refusal.times === undefined || refusal.seen < refusal.times)) {
        refusal.seen++;
        const error = Object.assign(new Error(refusal.text), { responseCode: refusal.code });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse: (address, refusal) => refusals.set(address.toLowerCase(), { ...refusal, seen: 0 }),
    parsed: () => Promise.all(received.map((mail) => simpleParser(mail.raw))),
    countsByRecipient() {
      const counts = new Map<string, number>();
      for (const mail of received) for (const to of mail.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
