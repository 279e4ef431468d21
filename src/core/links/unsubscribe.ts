import type { Locale } from "../../i18n/index.js";
import type { CoreDeps } from "../deps.js";
import { fail, ok, type Result } from "../result.js";
import { verifyLink, type VerifiedLink } from "./verify-link.js";

export interface UnsubscribePage {
  locale: Locale;
  networkName: string;
  /** The address campaign e-mail went to, so the reader sees which one is turned off. */
  email: string | null;
  /** Already turned off (by this link or another). */
  off: boolean;
}

/** What the unsubscribe page shows; opening it changes nothing (mail scanners open every link). */
export async function unsubscribePage(deps: Pick<CoreDeps, "db" | "now">, token: unknown): Promise<Result<UnsubscribePage>> {
  const link = await unsubscribeLink(deps, token);
  if (!link.ok) return link;
  const person = await deps.db.person.findUniqueOrThrow({
    where: { id: link.value.personId! },
    select: { email: true, campaignMailOffAt: true, network: { select: { name: true } } },
  });
  return ok({ locale: link.value.locale, networkName: person.network.name, email: person.email, off: person.campaignMailOffAt !== null });
}

/**
 * Turns off campaign e-mail (prompts, reminders, summaries) for the link's person: RFC 8058's
 * one-click POST, or the button on the page. Idempotent: a provider may post more than once.
 * Chat messages and event notices are not campaign mail and keep coming.
 */
export async function unsubscribeByLink(deps: Pick<CoreDeps, "db" | "now">, token: unknown): Promise<Result<UnsubscribePage>> {
  const link = await unsubscribeLink(deps, token);
  if (!link.ok) return link;
  await deps.db.person.updateMany({ where: { id: link.value.personId!, campaignMailOffAt: null }, data: { campaignMailOffAt: deps.now() } });
  return unsubscribePage(deps, token);
}

async function unsubscribeLink(deps: Pick<CoreDeps, "db" | "now">, token: unknown): Promise<Result<VerifiedLink>> {
  const link = await verifyLink(deps, token);
  if (link.ok && (link.value.purpose !== "UNSUBSCRIBE" || !link.value.personId)) return fail("notFound", "links.invalid");
  return link;
}
