import { z } from "zod";
import type { Block, Button, ChatMessage } from "../../chat/message.js";
import type { CoreDeps } from "../../core/deps.js";
import { eventInvitation } from "../../core/events/index.js";
import { reportLinkForMail, rsvpLinksForMail, unsubscribeLinkForMail, withdrawUnsentLink } from "../../core/links/index.js";
import type { OutboxDelivery } from "../../delivery/sender.js";
import { translator } from "../../i18n/index.js";
import type { MailAdditions, MailExtras } from "./sender.js";

// The parts of the outbox payloads (src/core/campaigns/steps.ts, src/core/events/notices.ts) a link needs.
const quarterPayload = z.object({ year: z.number().int(), quarter: z.number().int(), employerId: z.string().nullable().optional() });
const eventPayload = z.object({ eventId: z.string().min(1) });
const guestAddress = z.object({ guestId: z.string().min(1) });

const REPORT_KINDS = new Set(["campaign.prompt", "campaign.reminder"]);
const EVENT_KINDS = new Set(["event.promoted", "event.changed", "event.reminder", "event.cancelled", "event.guestInvited"]);

type Owner = { personId: string } | { guestId: string };

/**
 * Personal links in the mail instead of the chat buttons a mail client cannot press: the report
 * form's link in a prompt or reminder, Ja / Misschien / Nee in an event notice, the event's iTIP
 * invitation, and the one-click unsubscribe link of campaign mail (RFC 8058). A retry of the same
 * outbox row carries the same links (core/links/mail-links.ts); a mail refused for good withdraws
 * them. Without a public address the mail goes as chat shows it.
 */
export function personalLinkExtras(deps: CoreDeps, publicUrl: string | undefined): MailExtras {
  const base = publicUrl?.replace(/\/+$/, "");
  return {
    async decorate(delivery) {
      if (!delivery.kind) return {};
      if (delivery.kind.startsWith("campaign.")) {
        if (!base || !delivery.personId) return {};
        const report = REPORT_KINDS.has(delivery.kind) ? await reportAdditions(deps, base, delivery, delivery.personId) : {};
        return withUnsubscribe(deps, base, delivery, delivery.personId, report);
      }
      const guest = guestAddress.safeParse(delivery.address);
      const owner: Owner | null = delivery.personId ? { personId: delivery.personId } : guest.success ? { guestId: guest.data.guestId } : null;
      if (EVENT_KINDS.has(delivery.kind) && owner) return eventAdditions(deps, base, delivery, owner);
      return {};
    },
  };
}

async function withUnsubscribe(deps: CoreDeps, base: string, delivery: OutboxDelivery, personId: string, additions: MailAdditions): Promise<MailAdditions> {
  const link = await unsubscribeLinkForMail(deps, delivery.outboxId, { personId });
  if (!link.ok) return additions;
  return {
    ...additions,
    unsubscribeUrl: base + link.value.path,
    withdraw: async () => {
      await additions.withdraw?.();
      await withdrawUnsentLink(deps, link.value.token);
    },
  };
}

async function reportAdditions(deps: CoreDeps, base: string, delivery: OutboxDelivery, personId: string): Promise<MailAdditions> {
  const quarter = quarterPayload.safeParse(delivery.payload);
  if (!quarter.success) return {};
  const { year, employerId } = quarter.data;
  const link = await reportLinkForMail(deps, delivery.outboxId, { personId, year, quarter: quarter.data.quarter, ...(employerId ? { employerId } : {}) });
  // A closed period or a person without an employer gets the message without a link: it says what to do.
  if (!link.ok) return {};
  const label = translator(delivery.locale ?? "nl")("reporting.button.report");
  return {
    message: withLinkButtons(delivery.message, [{ action: "report.link", label, value: "", style: "primary", url: base + link.value.path }]),
    withdraw: () => withdrawUnsentLink(deps, link.value.token),
  };
}

async function eventAdditions(deps: CoreDeps, base: string | undefined, delivery: OutboxDelivery, owner: Owner): Promise<MailAdditions> {
  const event = eventPayload.safeParse(delivery.payload);
  if (!event.success) return {};
  const { eventId } = event.data;
  const invitation = await eventInvitation(deps, { eventId, ...owner });
  const icalEvent = invitation.ok ? { method: invitation.value.method, filename: invitation.value.filename, content: invitation.value.content, contentType: invitation.value.contentType } : undefined;
  if (delivery.kind === "event.cancelled" || !base) return icalEvent ? { icalEvent } : {};
  const links = await rsvpLinksForMail(deps, delivery.outboxId, { eventId, ...owner });
  // Past its RSVP deadline: the notice and the invitation, no answer links.
  if (!links.ok) return icalEvent ? { icalEvent } : {};
  const t = translator(invitation.ok ? invitation.value.locale : delivery.locale ?? "nl");
  const { answers } = links.value;
  const buttons: Button[] = [
    { action: "event.rsvp.link", label: t("events.button.yes"), value: "", style: "primary", url: base + answers.ja },
    { action: "event.rsvp.link", label: t("events.button.maybe"), value: "", url: base + answers.misschien },
    { action: "event.rsvp.link", label: t("events.button.no"), value: "", url: base + answers.nee },
  ];
  return {
    message: withLinkButtons(delivery.message, buttons),
    ...(icalEvent ? { icalEvent } : {}),
    withdraw: () => withdrawUnsentLink(deps, links.value.token),
  };
}

/** The message with its chat-only buttons replaced by the link buttons (added at the end when it had none). */
function withLinkButtons(message: ChatMessage, links: Button[]): ChatMessage {
  let placed = false;
  const blocks = message.blocks.flatMap((block): Block[] => {
    if (block.type !== "actions") return [block];
    const kept = block.buttons.filter((b) => b.url);
    const buttons = placed ? kept : [...links, ...kept];
    placed = true;
    return [{ ...block, buttons }];
  });
  return { ...message, blocks: placed ? blocks : [...blocks, { type: "actions", buttons: links }] };
}
