import type { DbClient } from "../../db/database.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { notAllowed, notFound, ok, type Result } from "../result.js";
import { currentConditionText, type ConditionText } from "./condition-text.js";
import { needsConfirmation, type ConfirmedCondition } from "./schema.js";

/** Met: the employer confirmed the current text. Open: not yet, since the text or the employer is there. */
export type ConditionState =
  | { status: "met"; since: Date; version: number; confirmedById: string | null }
  | { status: "open"; since: Date; version: number | null };

export interface NetworkConditionStates {
  condition: ConfirmedCondition;
  text: ConditionText | null;
  byEmployer: Map<string, ConditionState>;
}

/**
 * The condition's state for some employers of one network, or null when the network's condition
 * is one nobody confirms (placement reporting: the quarterly campaign is the condition).
 */
export async function conditionStates(db: DbClient, networkId: string, employers: Array<{ id: string; createdAt: Date }>): Promise<NetworkConditionStates | null> {
  const network = await db.network.findUniqueOrThrow({ where: { id: networkId }, select: { membershipCondition: true } });
  if (!needsConfirmation(network.membershipCondition)) return null;
  const text = await currentConditionText(db, networkId);
  const confirmations = text
    ? await db.membershipConfirmation.findMany({
        where: { textId: text.id, employerId: { in: employers.map((e) => e.id) } },
        select: { employerId: true, confirmedAt: true, confirmedById: true },
      })
    : [];
  const confirmed = new Map(confirmations.map((c) => [c.employerId, c]));
  const byEmployer = new Map<string, ConditionState>();
  for (const employer of employers) {
    const confirmation = confirmed.get(employer.id);
    if (confirmation && text) byEmployer.set(employer.id, { status: "met", since: confirmation.confirmedAt, version: text.version, confirmedById: confirmation.confirmedById });
    else byEmployer.set(employer.id, { status: "open", since: later(employer.createdAt, text?.createdAt), version: text?.version ?? null });
  }
  return { condition: network.membershipCondition, text, byEmployer };
}

const later = (a: Date, b: Date | undefined) => (b && b > a ? b : a);

export interface ConditionView {
  condition: string;
  /** Null for a condition nobody confirms. */
  confirmation: { text: ConditionText | null; employerName: string | null; state: ConditionState | null; confirmedByName: string | null } | null;
}

/** The network's condition as a person sees it: the text to confirm and where their own employer stands. */
export async function viewCondition(deps: CoreDeps, actor: Actor): Promise<Result<ConditionView>> {
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { membershipCondition: true } });
  if (!needsConfirmation(network.membershipCondition)) return ok({ condition: network.membershipCondition, confirmation: null });
  const employer = actor.employerId
    ? await deps.db.employer.findUnique({ where: { id: actor.employerId }, select: { id: true, name: true, createdAt: true } })
    : null;
  const states = await conditionStates(deps.db, actor.networkId, employer ? [employer] : []);
  const state = employer ? states?.byEmployer.get(employer.id) ?? null : null;
  return ok({
    condition: network.membershipCondition,
    confirmation: { text: states?.text ?? null, employerName: employer?.name ?? null, state, confirmedByName: await confirmerName(deps.db, state) },
  });
}

/** Who confirmed, by name while they are on file (an erased person's name is already replaced). */
export async function confirmerName(db: DbClient, state: ConditionState | null | undefined): Promise<string | null> {
  if (state?.status !== "met" || !state.confirmedById) return null;
  const person = await db.person.findUnique({ where: { id: state.confirmedById }, select: { name: true } });
  return person?.name ?? null;
}

/** One employer's state with who confirmed, for its coordinators and its own people; null when nothing is confirmed in this network. */
export async function employerCondition(deps: CoreDeps, actor: Actor, employerId: string): Promise<Result<{ state: ConditionState; confirmedByName: string | null } | null>> {
  if (!isCoordinator(actor) && actor.employerId !== employerId) return notAllowed();
  const employer = await deps.db.employer.findFirst({ where: { id: employerId, networkId: actor.networkId }, select: { id: true, createdAt: true } });
  if (!employer) return notFound();
  const states = await conditionStates(deps.db, actor.networkId, [employer]);
  const state = states?.byEmployer.get(employer.id);
  return ok(state ? { state, confirmedByName: await confirmerName(deps.db, state) } : null);
}
