import type { CoreDeps } from "../deps.js";
import type { ChatActorResolution } from "../members/actor-lookup.js";
import { lockNetwork } from "../networks/repository.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, failOnField, invalidInput, ok, type Result } from "../result.js";
import type { Locale } from "../../i18n/index.js";
import { coordinatorsOf, currentEmployerNamed } from "./repository.js";
import { joinInput, newEmployerInput, type NewEmployer } from "./schema.js";

export type Guest = Extract<ChatActorResolution, { kind: "guest" }>;

export type JoinRequested = { requestId: string; networkName: string; alreadyPending: boolean };

/**
 * Someone unknown in a bound workspace asks to join one of its networks. Stored as a request
 * for the network's coordinators to screen (the seeds: no "gelukzoekers"), who each get it with
 * Accept / Refuse buttons through the outbox, in the same transaction. Asking again while a
 * request waits changes nothing.
 */
export async function requestToJoin(deps: CoreDeps, guest: Guest, locale: Locale, raw: unknown): Promise<Result<JoinRequested>> {
  // Only an address the platform vouches for may become a person's: one the applicant typed
  // could be anybody's, and would link them to that person's reports later.
  if (!guest.email) return fail("notAllowed", "joining.noEmail");
  const parsed = joinInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  const network = guest.networks.length === 1 ? guest.networks[0] : guest.networks.find((n) => n.id === input.network);
  if (!network) return failOnField("invalid", "network", "joining.chooseNetwork");

  const existing = await currentEmployerNamed(deps.db, network.id, input.employer);
  let newEmployer: NewEmployer | undefined;
  if (!existing) {
    const described = newEmployerInput.safeParse({ name: input.employer, branche: input.branche, sizeBand: input.sizeBand, location: input.location, region: input.region });
    if (!described.success) {
      // Shown next to the form's fields; the employer's name is the form's "employer".
      const { name, ...fields } = invalidInput(described.error).error.fields ?? {};
      return { ok: false, error: { reason: "invalid", key: "joining.newEmployerDetails", params: { employer: input.employer }, fields: name ? { ...fields, employer: name } : fields } };
    }
    newEmployer = described.data;
  }

  const { identity } = guest;
  const outcome = await deps.db.$transaction(async (tx) => {
    // One request at a time per person and network, also when a double click sends the form twice.
    await lockNetwork(tx, network.id);
    const pending = await tx.joinRequest.findFirst({
      where: { networkId: network.id, platform: identity.platform, tenantId: identity.tenantId, externalUserId: identity.externalUserId, status: "PENDING" },
      select: { id: true },
    });
    if (pending) return { requestId: pending.id, alreadyPending: true };
    const request = await tx.joinRequest.create({
      data: {
        networkId: network.id,
        platform: identity.platform,
        tenantId: identity.tenantId,
        externalUserId: identity.externalUserId,
        name: input.name,
        email: guest.email,
        function: input.function,
        jobTitle: input.jobTitle ?? null,
        locale,
        employerId: existing?.id ?? null,
        newEmployer: newEmployer ?? undefined,
        createdAt: deps.now(),
      },
      select: { id: true },
    });
    const coordinators = await coordinatorsOf(tx, network.id);
    const data = {
      requestId: request.id,
      name: input.name,
      email: guest.email!,
      employer: existing?.name ?? input.employer,
      newEmployer: newEmployer ? { branche: newEmployer.branche, sizeBand: newEmployer.sizeBand, location: newEmployer.location, region: newEmployer.region } : null,
      function: input.function,
      jobTitle: input.jobTitle ?? null,
      networkName: network.name,
    };
    await enqueueNotifications(
      tx,
      coordinators.map((c) => ({ kind: "join.requested", personId: c.id, idempotencyKey: `join:${request.id}:requested:${c.id}`, data })),
    );
    return { requestId: request.id, alreadyPending: false };
  });
  return ok({ ...outcome, networkName: network.name });
}
