import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { addPerson } from "../members/add-person.js";
import { linkIdentity } from "../members/actor-lookup.js";
import { createEmployer } from "../members/create-employer.js";
import { enqueueNotifications, enqueueToChatUser } from "../outbox/enqueue.js";
import { fail, invalidInput, notFound, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { currentEmployerNamed, requestSelect } from "./repository.js";
import { decideInput, newEmployerInput, refuseInput } from "./schema.js";

export type Decided = { requestId: string; name: string; networkName: string };

type RequestRow = NonNullable<Awaited<ReturnType<typeof pendingRequest>>>;

/**
 * A coordinator accepts: the (new) employer and the person are created through the same use
 * cases as by hand (so a new person gets what every new person gets), and the person is linked
 * to the applicant's chat identity. Decided once: the request is claimed first, so of two
 * coordinators clicking at once one decides and the other hears who did.
 */
export async function acceptJoinRequest(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<Decided & { personId: string }>> {
  const found = await findForDecision(deps, actor, raw, decideInput);
  if (!found.ok) return found;
  const request = found.value;
  const claimed = await claim(deps, actor, request.id, "ACCEPTED", null);
  if (!claimed.ok) return claimed;

  try {
    const created = await createMember(deps, actor, request);
    if (!created.ok) {
      await release(deps, request.id);
      return created;
    }
    const personId = created.value;
    await linkIdentity(deps.db, personId, { platform: request.platform, tenantId: request.tenantId, externalUserId: request.externalUserId });
    await deps.db.$transaction(async (tx) => {
      if (request.locale) await tx.person.update({ where: { id: personId }, data: { locale: request.locale } });
      await tx.joinRequest.update({ where: { id: request.id }, data: { personId } });
      await audit(tx, actor, "join.accept", { type: "JoinRequest", id: request.id }, { personId });
      await enqueueNotifications(tx, [{ kind: "join.accepted", personId, idempotencyKey: `join:${request.id}:accepted`, data: { networkName: request.network.name } }]);
    });
    return ok({ requestId: request.id, name: request.name, networkName: request.network.name, personId });
  } catch (error) {
    // Not decided after all: another coordinator (or this one) can try again.
    await release(deps, request.id);
    throw error;
  }
}

/** A coordinator refuses, with or without a reason; the applicant gets it in their chat. */
export async function refuseJoinRequest(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<Decided & { reason: string | null }>> {
  const found = await findForDecision(deps, actor, raw, refuseInput);
  if (!found.ok) return found;
  const request = found.value;
  const parsed = refuseInput.parse(raw);
  const reason = parsed.reason ?? null;
  return deps.db.$transaction(async (tx) => {
    const claimed = await claim({ ...deps, db: tx as typeof deps.db }, actor, request.id, "REFUSED", reason);
    if (!claimed.ok) return claimed;
    await audit(tx, actor, "join.refuse", { type: "JoinRequest", id: request.id }, { withReason: reason !== null });
    await enqueueToChatUser(tx, {
      kind: "join.refused",
      idempotencyKey: `join:${request.id}:refused`,
      platform: request.platform,
      tenantId: request.tenantId,
      userId: request.externalUserId,
      data: { networkName: request.network.name, reason, locale: request.locale ?? "nl" },
    });
    return ok({ requestId: request.id, name: request.name, networkName: request.network.name, reason });
  });
}

async function findForDecision(deps: CoreDeps, actor: Actor, raw: unknown, schema: typeof decideInput | typeof refuseInput): Promise<Result<RequestRow>> {
  if (!isCoordinator(actor)) return fail("notAllowed", "joining.coordinatorsOnly");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const request = await pendingRequest(deps, parsed.data.requestId);
  // Another network's request is as unknown to this coordinator as one that does not exist.
  if (!request || request.networkId !== actor.networkId) return notFound("joining.notFound");
  if (request.status !== "PENDING") return alreadyDecided(deps, request);
  return ok(request);
}

function pendingRequest(deps: CoreDeps, id: string) {
  return deps.db.joinRequest.findUnique({ where: { id }, select: requestSelect });
}

/** PENDING → decided in one conditional UPDATE: the database lets exactly one of two clicks through. */
async function claim(deps: CoreDeps, actor: Actor, id: string, status: "ACCEPTED" | "REFUSED", reason: string | null): Promise<Result<true>> {
  const { count } = await deps.db.joinRequest.updateMany({
    where: { id, status: "PENDING" },
    data: { status, reason, decidedById: actor.personId, decidedAt: deps.now() },
  });
  if (count === 1) return ok(true);
  const now = await pendingRequest(deps, id);
  return now ? alreadyDecided(deps, now) : notFound("joining.notFound");
}

async function release(deps: CoreDeps, id: string): Promise<void> {
  await deps.db.joinRequest.updateMany({ where: { id, status: "ACCEPTED", personId: null }, data: { status: "PENDING", decidedById: null, decidedAt: null } });
}

async function alreadyDecided(deps: CoreDeps, request: { name: string; status: string; decidedById: string | null }): Promise<{ ok: false; error: import("../result.js").UserError }> {
  const by = request.decidedById ? await deps.db.person.findUnique({ where: { id: request.decidedById }, select: { name: true } }) : null;
  const key = request.status === "ACCEPTED" ? "joining.alreadyAccepted" : "joining.alreadyRefused";
  return fail("conflict", key, { name: request.name, by: by?.name ?? "?" });
}

/** The employer (existing, or new as the applicant described it) and the person, as a coordinator adds them. */
async function createMember(deps: CoreDeps, actor: Actor, request: RequestRow): Promise<Result<string>> {
  let employerId = request.employerId;
  let firstContact = false;
  if (!employerId) {
    const described = newEmployerInput.parse(request.newEmployer);
    // Someone may have added the employer meanwhile (by hand, an import, another request).
    const existing = await currentEmployerNamed(deps.db, actor.networkId, described.name);
    if (existing) employerId = existing.id;
    else {
      const created = await createEmployer(deps, actor, described);
      if (!created.ok) return created;
      employerId = created.value.employerId;
      firstContact = true;
    }
  }
  const added = await addPerson(deps, actor, {
    name: request.name,
    email: request.email ?? "",
    employer: employerId,
    function: request.function,
    jobTitle: request.jobTitle ?? undefined,
    role: "MEMBER",
    // A new employer's first contact reports for it; others are members until a coordinator says so.
    reportingContact: firstContact,
  });
  return added.ok ? ok(added.value.personId) : added;
}
