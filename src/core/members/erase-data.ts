import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { lockingTransaction } from "../events/repository.js";
import { networksAbove } from "../networks/scope.js";
import { fail, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { keepOneCoordinator, LastCoordinatorError } from "./coordinators.js";
import { erasureSubject } from "./erasure/identifiers.js";
import { messagesLanded, MessagesInFlightError } from "./erasure/outbox.js";
import { NoErasureHooksError, type ErasureHook } from "./erasure/hooks.js";
import { erasureSteps } from "./erasure/steps.js";
import { vacuumTables } from "./erasure/vacuum.js";
import { privacySubject } from "./subject.js";

export { ERASED_NAME } from "./erasure/steps.js";

export interface Erasure {
  personId: string;
  self: boolean;
  /** Rows deleted or changed, per erasure step. */
  removed: Record<string, number>;
}

// Each wait is bounded by a lease; a message enqueued and sent in the gap can make one more.
const MAX_ROUNDS = 3;

/**
 * AVG/GDPR right to erasure (art. 17): anonymises a person. Every table that names or addresses
 * them has a step in erasure/steps.ts, or in a channel's erasure hook (erasure/hooks.ts): accounts, chat references, queued and sent messages,
 * memberships, RSVPs, requests, sessions, links and uploads go; kept records (placement reports,
 * which are the employer's counts; the audit log) lose the link to them and their identifiers in
 * free text. Then the touched tables are vacuumed so the old rows are physically gone.
 * This is also what "remove a person" is (README "Mensen"): the AVG asks not to keep data of
 * someone who left longer than needed, and the employer's reports do not need it. The
 * network's last coordinator is not erased: someone must be left to run the network.
 */
export async function erasePersonData(deps: CoreDeps, actor: Actor, raw: unknown = {}): Promise<Result<Erasure>> {
  if (!deps.erasure) throw new NoErasureHooksError();
  const hooks = deps.erasure.all;
  const subject = await privacySubject(deps, actor, raw);
  if (!subject.ok) return subject;
  const { id: personId, self, networkId } = subject.value;
  const networkIds = [networkId, ...(await networksAbove(deps.db, networkId))];

  let removed: Record<string, number> | undefined;
  for (let round = 1; !removed; round++) {
    try {
      removed = await eraseInTransaction(deps, hooks, actor, personId, networkIds, self, round < MAX_ROUNDS);
    } catch (error) {
      if (error instanceof LastCoordinatorError) return fail("conflict", "members.lastCoordinator", { name: subject.value.name });
      if (!(error instanceof MessagesInFlightError)) throw error;
      await messagesLanded(deps.db, personId, error.until, deps.now);
    }
  }
  // Only where a step changed rows: VACUUM FULL rewrites each table it is given.
  await vacuumTables(deps.db, erasureSteps(hooks).filter((s) => removed![s.name]! > 0).flatMap((s) => s.tables).concat("AuditLog"));
  return ok({ personId, self, removed });
}

function eraseInTransaction(deps: CoreDeps, hooks: ErasureHook[], actor: Actor, personId: string, networkIds: string[], self: boolean, waitForInFlight: boolean) {
  return deps.db.$transaction(async (tx) => {
    await keepOneCoordinator(tx, actor.networkId, personId);
    const subject = await erasureSubject(tx, personId, networkIds, hooks);
    const now = deps.now();
    const removed: Record<string, number> = {};
    for (const step of erasureSteps(hooks)) removed[step.name] = await step.run({ tx, subject, now, waitForInFlight });
    await audit(tx, actor, "person.erase", { type: "Person", id: personId }, { self });
    return removed;
  }, lockingTransaction);
}
