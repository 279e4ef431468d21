import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { releasePlacesOf } from "../events/remove-attendee.js";
import { lockingTransaction } from "../events/repository.js";
import { eraseDownloadLinks } from "../downloads/download-links.js";
import { networksAbove } from "../networks/scope.js";
import { fail, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { keepOneCoordinator, LastCoordinatorError } from "./coordinators.js";
import { privacySubject } from "./subject.js";

/** What an erased person is called from then on; the row stays so counts and history add up. */
export const ERASED_NAME = "Verwijderd lid";

export interface Erasure {
  personId: string;
  self: boolean;
  removed: { identities: number; memberships: number; rsvps: number; rsvpHistory: number; outbox: number; reportsUnlinked: number };
  /** People moved up from a waiting list into the places this person held. */
  promoted: number;
}

/**
 * AVG/GDPR right to erasure (art. 17): anonymises a person. Name replaced, e-mail, job title,
 * identities, memberships, RSVPs and queued messages removed. Placement reports stay, because
 * they are the employer's counts, but no version of them points to the person any more.
 * This is also what "remove a person" is (README "Mensen"): the AVG asks not to keep data of
 * someone who left longer than needed, and the employer's reports do not need it. The
 * network's last coordinator is not erased: someone must be left to run the network.
 */
export async function erasePersonData(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<Erasure>> {
  const subject = await privacySubject(deps, actor, raw);
  if (!subject.ok) return subject;
  const personId = subject.value.id;
  const at = deps.now();

  let removed;
  try {
    removed = await eraseInTransaction(deps, actor, personId, subject.value.self, at);
  } catch (error) {
    if (error instanceof LastCoordinatorError) return fail("conflict", "members.lastCoordinator", { name: subject.value.name });
    throw error;
  }
  const { promoted, ...counts } = removed;
  return ok({ personId, self: subject.value.self, removed: counts, promoted });
}

function eraseInTransaction(deps: CoreDeps, actor: Actor, personId: string, self: boolean, at: Date) {
  return deps.db.$transaction(async (tx) => {
    await keepOneCoordinator(tx, actor.networkId, personId);
    const teamsIds = await tx.platformIdentity.findMany({ where: { personId, platform: "TEAMS" }, select: { externalUserId: true } });
    const identities = await tx.platformIdentity.deleteMany({ where: { personId } });
    // A personal Teams conversation reference holds the user's Azure AD id and name.
    await tx.teamsConversation.deleteMany({ where: { aadObjectId: { in: teamsIds.map((i) => i.externalUserId) } } });
    const memberships = await tx.subgroupMembership.deleteMany({ where: { personId } });
    const rsvpCount = await tx.rsvp.count({ where: { personId } });
    // Before the RSVPs go: a place they held goes to the first in line, as with any cancellation.
    const promoted = await releasePlacesOf(tx, personId, at);
    await tx.rsvp.deleteMany({ where: { personId } });
    const rsvpHistory = await tx.rsvpHistory.deleteMany({ where: { personId } });
    // Messages to this person hold their chat address; one being sent right now (SENDING) is
    // left to its worker, which owns the row until it is marked sent or failed.
    const outbox = await tx.outboxMessage.deleteMany({ where: { personId, status: { not: "SENDING" } } });
    await tx.dashboardSession.deleteMany({ where: { personId } });
    await eraseDownloadLinks(tx, personId, [actor.networkId, ...(await networksAbove(tx, actor.networkId))]);
    const reports = await tx.placementReport.updateMany({ where: { submittedById: personId }, data: { submittedById: null } });
    await tx.placementReportRevision.updateMany({ where: { submittedById: personId }, data: { submittedById: null } });
    await tx.event.updateMany({ where: { createdById: personId }, data: { createdById: null } });
    await tx.person.update({
      where: { id: personId },
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
        erasedAt: at,
      },
    });
    await audit(tx, actor, "person.erase", { type: "Person", id: personId }, { self });
    return {
      identities: identities.count,
      memberships: memberships.count,
      rsvps: rsvpCount,
      rsvpHistory: rsvpHistory.count,
      outbox: outbox.count,
      reportsUnlinked: reports.count,
      promoted,
    };
  }, lockingTransaction);
}
