import { z } from "zod";
import type { CoreDeps } from "../deps.js";
import { ok, type Result } from "../result.js";
import { issueReportLink, issueRsvpLinks, issueUnsubscribeLink, type IssuedLink, type IssuedRsvpLinks } from "./issue-links.js";
import { linkToken } from "./schema.js";
import { linkPath, unsubscribePath } from "./tokens.js";
import { verifyLink, type VerifiedLink } from "./verify-link.js";

type Use = "report" | "rsvp" | "unsubscribe";
const PURPOSE: Record<Use, VerifiedLink["purpose"]> = { report: "REPORT", rsvp: "RSVP", unsubscribe: "UNSUBSCRIBE" };
const remembered = z.record(z.string(), linkToken);

/**
 * The links of one outbox row's e-mail. A retry of the same row (a 4xx answer, a lost connection,
 * a worker that died mid-send) carries the links issued for its first attempt while they still
 * work, so a mail that did arrive and its resend hold the same link, and a retried campaign
 * leaves one link per message instead of one per attempt. The raw tokens are kept on the row
 * until it is sent (see OutboxMessage.mailLinks); the links themselves only as hashes.
 */
export function reportLinkForMail(deps: CoreDeps, outboxId: string, input: unknown): Promise<Result<IssuedLink>> {
  return forMail(deps, outboxId, "report", () => issueReportLink(deps, input), (token, expiresAt) => ({ token, path: linkPath(token), expiresAt }));
}

export function rsvpLinksForMail(deps: CoreDeps, outboxId: string, input: unknown): Promise<Result<IssuedRsvpLinks>> {
  return forMail(deps, outboxId, "rsvp", () => issueRsvpLinks(deps, input), (token, expiresAt) => ({
    token,
    path: linkPath(token),
    expiresAt,
    answers: { ja: linkPath(token, "ja"), misschien: linkPath(token, "misschien"), nee: linkPath(token, "nee") },
  }));
}

export function unsubscribeLinkForMail(deps: CoreDeps, outboxId: string, input: unknown): Promise<Result<IssuedLink>> {
  return forMail(deps, outboxId, "unsubscribe", () => issueUnsubscribeLink(deps, input), (token, expiresAt) => ({ token, path: unsubscribePath(token), expiresAt }));
}

async function forMail<T extends IssuedLink>(deps: CoreDeps, outboxId: string, use: Use, issue: () => Promise<Result<T>>, rebuild: (token: string, expiresAt: Date) => T): Promise<Result<T>> {
  const row = await deps.db.outboxMessage.findUnique({ where: { id: outboxId }, select: { mailLinks: true } });
  const tokens = remembered.safeParse(row?.mailLinks ?? {});
  const earlier = tokens.success ? tokens.data[use] : undefined;
  if (earlier) {
    // Withdrawn, revoked, expired or used up since: a new one, as for a first attempt.
    const link = await verifyLink(deps, earlier);
    if (link.ok && link.value.purpose === PURPOSE[use]) return ok(rebuild(earlier, link.value.expiresAt));
  }
  const issued = await issue();
  if (issued.ok && row) {
    await deps.db.$executeRaw`
      UPDATE "OutboxMessage" SET "mailLinks" = COALESCE("mailLinks", '{}'::jsonb) || jsonb_build_object(${use}::text, ${issued.value.token}::text)
      WHERE id = ${outboxId}`;
  }
  return issued;
}
