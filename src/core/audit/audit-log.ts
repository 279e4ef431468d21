import { z } from "zod";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import { ADMIN_PERSON_ID } from "../dashboard/sign-in.js";
import type { CoreDeps } from "../deps.js";
import { networksInScope } from "../networks/scope.js";
import { notAllowed, ok, type Result } from "../result.js";

// A page a coordinator scrolls through on a phone; a year of a busy network is a few dozen pages.
export const AUDIT_PAGE_SIZE = 50;

const pageInput = z.object({
  page: z.preprocess((v) => (v === undefined || v === "" ? 1 : v), z.coerce.number().int().min(1).max(100_000).catch(1)),
});

export interface AuditEntry {
  id: string;
  at: Date;
  action: string;
  /** "admin" for the self-hoster, "person" with the name they have now, "unknown" when the row names no one. */
  actor: { kind: "admin" } | { kind: "person"; name: string } | { kind: "unknown" };
  subjectType: string;
  /** What the subject is called now (an event's number and title, an employer's or person's name), when it still exists. */
  subject: string | null;
  details: unknown;
}

export interface AuditPage {
  entries: AuditEntry[];
  page: number;
  pages: number;
  total: number;
}

/** Coordinators: what was done in their network and the networks below it, newest first, a page at a time. */
export async function auditLog(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<AuditPage>> {
  if (!isCoordinator(actor)) return notAllowed();
  const { page } = pageInput.parse(raw ?? {});
  const scope = await networksInScope(deps, actor);
  const where = { networkId: { in: scope } };
  const [total, rows] = await Promise.all([
    deps.db.auditLog.count({ where }),
    deps.db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, at: true, action: true, actorId: true, subjectType: true, subjectId: true, details: true },
    }),
  ]);
  const names = await subjectNames(deps, rows);
  const entries = rows.map((r): AuditEntry => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actor: r.actorId === ADMIN_PERSON_ID ? { kind: "admin" } : r.actorId && names.people.has(r.actorId) ? { kind: "person", name: names.people.get(r.actorId)! } : { kind: "unknown" },
    subjectType: r.subjectType,
    subject: (r.subjectId && names.of(r.subjectType, r.subjectId)) ?? null,
    details: r.details,
  }));
  return ok({ entries, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), total });
}

type Row = { actorId: string | null; subjectType: string; subjectId: string | null };

/** One query per kind of subject on the page, not one per row. */
async function subjectNames(deps: CoreDeps, rows: Row[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.subjectType === type && r.subjectId).map((r) => r.subjectId!))];
  const personIds = [...new Set([...ids("Person"), ...rows.map((r) => r.actorId).filter((id): id is string => !!id && id !== ADMIN_PERSON_ID)])];
  const [people, employers, events, networks] = await Promise.all([
    deps.db.person.findMany({ where: { id: { in: personIds } }, select: { id: true, name: true } }),
    deps.db.employer.findMany({ where: { id: { in: ids("Employer") } }, select: { id: true, name: true } }),
    deps.db.event.findMany({ where: { id: { in: ids("Event") } }, select: { id: true, number: true, title: true } }),
    deps.db.network.findMany({ where: { id: { in: ids("Network") } }, select: { id: true, name: true } }),
  ]);
  const byType: Record<string, Map<string, string>> = {
    Person: new Map(people.map((p) => [p.id, p.name])),
    Employer: new Map(employers.map((e) => [e.id, e.name])),
    Event: new Map(events.map((e) => [e.id, `#${e.number} ${e.title}`])),
    Network: new Map(networks.map((n) => [n.id, n.name])),
  };
  return { people: byType.Person!, of: (type: string, id: string) => byType[type]?.get(id) };
}
