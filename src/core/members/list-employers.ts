import type { Actor } from "../actor.js";
import { conditionStates, type ConditionState } from "../conditions/condition-state.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { normalise } from "../subgroups/match.js";
import { employerListInput } from "./schema.js";

export interface EmployerRow {
  employerId: string;
  name: string;
  branche: string;
  location: string;
  region: string;
  sizeBand: string;
  archivedAt: Date | null;
  people: number;
  reportingContacts: number;
  /** The membership condition to confirm, met or open; null where the network asks none. */
  condition: ConditionState | null;
}

export interface EmployerList {
  employers: EmployerRow[];
  /** How many archived employers there are, shown as a way to find them. */
  archived: number;
}

/**
 * Coordinators: the network's employers, current ones or (archived: true) the archived ones,
 * optionally those whose name, branche, place or region contains every word of `term`.
 */
export async function listEmployers(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<EmployerList>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = employerListInput.safeParse(raw ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const { term, archived } = parsed.data;
  const living = { erasedAt: null };
  const [rows, archivedCount] = await Promise.all([
    deps.db.employer.findMany({
      where: { networkId: actor.networkId, archivedAt: archived ? { not: null } : null },
      select: {
        id: true,
        name: true,
        branche: true,
        location: true,
        region: true,
        sizeBand: true,
        archivedAt: true,
        createdAt: true,
        _count: { select: { people: { where: living } } },
      },
      orderBy: { name: "asc" },
    }),
    deps.db.employer.count({ where: { networkId: actor.networkId, archivedAt: { not: null } } }),
  ]);
  const contacts = await deps.db.person.groupBy({
    by: ["employerId"],
    where: { networkId: actor.networkId, ...living, reportingContact: true, employerId: { in: rows.map((r) => r.id) } },
    _count: { _all: true },
  });
  const states = await conditionStates(deps.db, actor.networkId, rows);
  const contactsOf = new Map(contacts.map((c) => [c.employerId, c._count._all]));
  const words = term ? normalise(term).split(" ") : [];
  const matches = (r: (typeof rows)[number]) => {
    const haystack = normalise(`${r.name} ${r.branche} ${r.location} ${r.region}`);
    return words.every((w) => haystack.includes(w));
  };
  return ok({
    employers: rows.filter(matches).map(({ id, _count, createdAt: _created, ...r }) => ({
      employerId: id,
      ...r,
      people: _count.people,
      reportingContacts: contactsOf.get(id) ?? 0,
      condition: states?.byEmployer.get(id) ?? null,
    })),
    archived: archivedCount,
  });
}
