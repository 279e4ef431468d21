import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { privacySubject } from "./subject.js";

/**
 * AVG/GDPR right of access (art. 15): everything the bot keeps about one person, as plain
 * JSON-ready data. Reports appear as the versions this person submitted; the employer's
 * current figures belong to the employer, not to the person.
 */
export async function exportPersonData(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PersonDataExport>> {
  const subject = await privacySubject(deps, actor, raw);
  if (!subject.ok) return subject;
  const personId = subject.value.id;
  const db = deps.db;

  const [person, rsvpHistory, submissions, events, ambitionsSet] = await Promise.all([
    db.person.findUniqueOrThrow({
      where: { id: personId },
      select: {
        id: true,
        name: true,
        email: true,
        function: true,
        jobTitle: true,
        role: true,
        locale: true,
        reportingContact: true,
        quietHoursStart: true,
        quietHoursEnd: true,
        snoozedUntil: true,
        channel: true,
        emailFailingSince: true,
        emailFailure: true,
        createdAt: true,
        network: { select: { name: true } },
        employer: { select: { name: true } },
        identities: { select: { platform: true, tenantId: true, externalUserId: true, linkedAt: true }, orderBy: { linkedAt: "asc" } },
        memberships: { select: { isContact: true, joinedAt: true, subgroup: { select: { name: true, slug: true } } }, orderBy: { joinedAt: "asc" } },
        rsvps: {
          select: { response: true, waitlisted: true, respondedAt: true, event: { select: { number: true, title: true, startsAt: true } } },
          orderBy: { respondedAt: "asc" },
        },
      },
    }),
    db.rsvpHistory.findMany({
      where: { personId },
      select: { response: true, waitlisted: true, at: true, event: { select: { number: true, title: true } } },
      orderBy: { at: "asc" },
    }),
    db.placementReportRevision.findMany({
      where: { submittedById: personId },
      select: {
        version: true,
        realised: true,
        remark: true,
        submittedVia: true,
        submittedAt: true,
        report: { select: { employer: { select: { name: true } }, period: { select: { year: true, quarter: true } } } },
      },
      orderBy: { submittedAt: "asc" },
    }),
    db.event.findMany({ where: { createdById: personId }, select: { number: true, title: true, createdAt: true }, orderBy: { number: "asc" } }),
    db.employerAmbitionChange.findMany({
      where: { changedById: personId },
      select: { ambition: true, targetDate: true, changedAt: true, employer: { select: { name: true } } },
      orderBy: { changedAt: "asc" },
    }),
  ]);
  await audit(db, actor, "person.export", { type: "Person", id: personId }, { self: subject.value.self });

  const { network, employer, identities, memberships, rsvps, ...record } = person;
  return ok({
    exportedAt: deps.now().toISOString(),
    person: { ...record, network: network.name, employer: employer?.name ?? null },
    identities,
    subgroupMemberships: memberships.map((m) => ({ subgroup: m.subgroup.name, slug: m.subgroup.slug, isContact: m.isContact, joinedAt: m.joinedAt })),
    rsvps: rsvps.map((r) => ({ event: r.event.number, title: r.event.title, startsAt: r.event.startsAt, response: r.response, waitlisted: r.waitlisted, respondedAt: r.respondedAt })),
    rsvpHistory: rsvpHistory.map((h) => ({ event: h.event.number, title: h.event.title, response: h.response, waitlisted: h.waitlisted, at: h.at })),
    reportsSubmitted: submissions.map((s) => ({
      employer: s.report.employer.name,
      quarter: `Q${s.report.period.quarter} ${s.report.period.year}`,
      version: s.version,
      realised: s.realised,
      remark: s.remark,
      submittedVia: s.submittedVia,
      submittedAt: s.submittedAt,
    })),
    eventsCreated: events,
    ambitionsSet: ambitionsSet.map((a) => ({ employer: a.employer.name, ambition: a.ambition, targetDate: a.targetDate, changedAt: a.changedAt })),
  });
}

export interface PersonDataExport {
  exportedAt: string;
  person: Record<string, unknown> & { id: string; name: string; email: string | null };
  identities: Array<{ platform: string; tenantId: string; externalUserId: string; linkedAt: Date }>;
  subgroupMemberships: Array<{ subgroup: string; slug: string; isContact: boolean; joinedAt: Date }>;
  rsvps: Array<{ event: number; title: string; startsAt: Date; response: string; waitlisted: boolean; respondedAt: Date }>;
  rsvpHistory: Array<{ event: number; title: string; response: string; waitlisted: boolean; at: Date }>;
  reportsSubmitted: Array<{ employer: string; quarter: string; version: number; realised: number; remark: string | null; submittedVia: string; submittedAt: Date }>;
  eventsCreated: Array<{ number: number; title: string; createdAt: Date }>;
  ambitionsSet: Array<{ employer: string; ambition: number; targetDate: Date | null; changedAt: Date }>;
}
