import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { invalidInput, notAllowed, ok, type Result } from "../result.js";
import { normalise } from "../subgroups/match.js";
import { findEmployer } from "./find-employer.js";
import { personRowSelect } from "./person-details.js";
import { peopleListInput } from "./schema.js";

export interface PersonRow {
  personId: string;
  name: string;
  email: string | null;
  function: string;
  jobTitle: string | null;
  role: "MEMBER" | "COORDINATOR";
  reportingContact: boolean;
  employer: { id: string; name: string; archivedAt: Date | null } | null;
  links: number;
}

/**
 * Coordinators: the living people of their network, optionally of one employer and/or whose
 * name, e-mail, job title or employer contains every word of `term`; by name.
 */
export async function listPeople(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<PersonRow[]>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = peopleListInput.safeParse(raw ?? {});
  if (!parsed.success) return invalidInput(parsed.error);
  const { term, employer: employerRef } = parsed.data;
  let employerId: string | undefined;
  if (employerRef) {
    const employer = await findEmployer(deps.db, actor.networkId, employerRef);
    if (!employer.ok) return employer;
    employerId = employer.value.id;
  }
  const rows = await deps.db.person.findMany({
    where: { networkId: actor.networkId, erasedAt: null, ...(employerId ? { employerId } : {}) },
    select: { ...personRowSelect, _count: { select: { identities: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const words = term ? normalise(term).split(" ") : [];
  const matches = (r: (typeof rows)[number]) => {
    const haystack = normalise(`${r.name} ${r.email ?? ""} ${r.jobTitle ?? ""} ${r.employer?.name ?? ""}`);
    return words.every((w) => haystack.includes(w));
  };
  return ok(rows.filter(matches).map(({ id, _count, ...r }) => ({ personId: id, ...r, links: _count.identities })));
}
