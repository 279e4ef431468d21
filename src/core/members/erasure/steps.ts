import type { Prisma } from "../../../generated/prisma/client.js";
import type { DbClient } from "../../../db/database.js";
import { eraseDownloadLinks } from "../../downloads/download-links.js";
import { releasePlacesOf } from "../../events/remove-attendee.js";
import { eraseLinksOf } from "../../links/revoke-links.js";
import type { ErasureHook } from "./hooks.js";
import type { ErasureSubject } from "./identifiers.js";
import { eraseOutbox } from "./outbox.js";
import { scrubColumn } from "./scrub.js";

/** What an erased person is called from then on; the row stays so counts and history add up. */
export const ERASED_NAME = "Verwijderd lid";

export interface ErasureContext {
  tx: DbClient;
  subject: ErasureSubject;
  now: Date;
  /** False once the erasure has waited out the leases of messages in flight (see outbox.ts). */
  waitForInFlight: boolean;
}

/**
 * One table's part of an erasure. `tables` are the tables it changes: a test holds every model
 * of the schema to either a step or HOLDS_NO_PERSONAL_DATA, and the erasure vacuums them.
 */
export interface ErasureStep {
  name: string;
  tables: Prisma.ModelName[];
  run(ctx: ErasureContext): Promise<number>;
}

/**
 * In order: what still points to the person's chat accounts first (messages, then the channels'
 * own rows through their erasure hooks, then the accounts), then what they did, then the links
 * to their id in kept records, the free text that may name them, and the person row last. A new
 * core table with personal data adds its step; a channel's table, its channel's hook (hooks.ts).
 */
export const ERASURE_STEPS: ErasureStep[] = [
  { name: "outbox", tables: ["OutboxMessage"], run: ({ tx, subject, now, waitForInFlight }) => eraseOutbox(tx, subject, now, waitForInFlight) },
  // Here: the channels' hooks (erasureSteps below).
  { name: "identities", tables: ["PlatformIdentity"], run: async ({ tx, subject }) => (await tx.platformIdentity.deleteMany({ where: { personId: subject.personId } })).count },
  {
    name: "joinRequests",
    tables: ["JoinRequest"],
    async run({ tx, subject }) {
      const or: Prisma.JoinRequestWhereInput[] = [{ personId: subject.personId }, { externalUserId: { in: [...subject.externalUserIds, ...subject.channelUserIds] } }];
      if (subject.email) or.push({ email: { equals: subject.email, mode: "insensitive" } });
      const { count } = await tx.joinRequest.deleteMany({ where: { OR: or } });
      await tx.joinRequest.updateMany({ where: { decidedById: subject.personId }, data: { decidedById: null } });
      return count;
    },
  },
  { name: "memberships", tables: ["SubgroupMembership"], run: async ({ tx, subject }) => (await tx.subgroupMembership.deleteMany({ where: { personId: subject.personId } })).count },
  {
    name: "rsvps",
    tables: ["Rsvp", "RsvpHistory"],
    async run({ tx, subject, now }) {
      // Before the RSVPs go: a place they held goes to the first in line, as with any cancellation.
      const rsvps = await tx.rsvp.count({ where: { personId: subject.personId } });
      await releasePlacesOf(tx, subject.personId, now);
      await tx.rsvp.deleteMany({ where: { personId: subject.personId } });
      await tx.rsvpHistory.deleteMany({ where: { personId: subject.personId } });
      return rsvps;
    },
  },
  {
    name: "signIn",
    tables: ["DashboardSession", "DownloadLink"],
    async run({ tx, subject }) {
      const sessions = await tx.dashboardSession.deleteMany({ where: { personId: subject.personId } });
      return sessions.count + (await eraseDownloadLinks(tx, subject.personId, subject.networkIds));
    },
  },
  {
    name: "personalLinks",
    tables: ["PersonalLink", "EventGuest"],
    async run({ tx, subject }) {
      // Their e-mailed links, and any invitation of their address as an external guest (with its links).
      const guests = subject.email ? (await tx.eventGuest.deleteMany({ where: { email: { equals: subject.email, mode: "insensitive" } } })).count : 0;
      return guests + (await eraseLinksOf(tx, subject.personId));
    },
  },
  {
    name: "importUploads",
    tables: ["ImportUpload"],
    // An uploaded member list of their network (kept up to 30 minutes) may list them; it is uploaded again.
    run: async ({ tx, subject }) => (await tx.importUpload.deleteMany({ where: { OR: [{ uploadedById: subject.personId }, { networkId: { in: subject.networkIds } }] } })).count,
  },
  {
    name: "authorship",
    tables: ["PlacementReport", "PlacementReportRevision", "EmployerAmbitionChange", "Event", "MembershipConfirmation", "MembershipConditionText", "WorkspaceBinding"],
    async run({ tx, subject }) {
      const by = subject.personId;
      const counts = await Promise.all([
        tx.placementReport.updateMany({ where: { submittedById: by }, data: { submittedById: null } }),
        tx.placementReportRevision.updateMany({ where: { submittedById: by }, data: { submittedById: null } }),
        tx.employerAmbitionChange.updateMany({ where: { changedById: by }, data: { changedById: null } }),
        tx.event.updateMany({ where: { createdById: by }, data: { createdById: null } }),
        tx.membershipConfirmation.updateMany({ where: { confirmedById: by }, data: { confirmedById: null } }),
        tx.membershipConditionText.updateMany({ where: { createdById: by }, data: { createdById: null } }),
        tx.workspaceBinding.updateMany({ where: { createdById: by }, data: { createdById: null } }),
      ]);
      return counts.reduce((sum, c) => sum + c.count, 0);
    },
  },
  {
    name: "freeText",
    tables: ["PlacementReport", "PlacementReportRevision", "Event", "AuditLog"],
    async run({ tx, subject }) {
      // Where people type: a remark naming them, an audit detail.
      const columns: [string, string, "text" | "json" | "textArray"][] = [
        ["PlacementReport", "remark", "text"],
        ["PlacementReportRevision", "remark", "text"],
        ["Event", "title", "text"],
        ["Event", "description", "text"],
        ["Event", "guests", "textArray"],
        ["AuditLog", "details", "json"],
      ];
      let changed = 0;
      for (const [table, column, type] of columns) changed += await scrubColumn(tx, table, column, type, subject.strings);
      return changed;
    },
  },
  {
    name: "person",
    tables: ["Person"],
    async run({ tx, subject, now }) {
      await tx.person.update({
        where: { id: subject.personId },
        data: {
          name: ERASED_NAME,
          email: null,
          jobTitle: null,
          employerId: null,
          function: "OVERIG",
          role: "MEMBER",
          locale: null,
          reportingContact: false,
          quietHoursStart: null,
          quietHoursEnd: null,
          snoozedUntil: null,
          channel: null,
          // The server's refusal often quotes the address.
          emailFailingSince: null,
          emailFailure: null,
          erasedAt: now,
        },
      });
      return 1;
    },
  },
];

/** Core's steps with the channels' hooks in their place: after the outbox, before the accounts. */
export function erasureSteps(hooks: ErasureHook[]): ErasureStep[] {
  const [outbox, ...rest] = ERASURE_STEPS;
  return [outbox!, ...hooks, ...rest];
}

/**
 * Tables that hold nothing that identifies a person, each with why. A person's cuid in them
 * (actorId, subjectId) stays: it points to the anonymised Person row and names no one.
 */
export const HOLDS_NO_PERSONAL_DATA: Partial<Record<Prisma.ModelName, string>> = {
  Network: "a network's name, slug and settings",
  Employer: "an organisation's profile; the people are in Person",
  Subgroup: "a subgroup's name and description",
  ReportingPeriod: "quarters and their dates",
  EventAnnouncement: "where an event card was posted: channel and message ids",
  ScheduledRun: "which scheduled job ran when, and on which instance",
  RateLimitCounter: "attempt counters keyed by a hash of a client's address, not linkable to a person",
  SlackEventReceipt: "Slack event ids already processed",
  SlackRequestReceipt: "signatures and timestamps of Slack requests already processed (an HMAC, not the body)",
  DeliveryRateSlot: "the next send slot per platform and per chat address (a Slack channel or Teams conversation id, no name or e-mail)",
};
