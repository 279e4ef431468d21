import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { currentConditionText } from "./condition-text.js";
import { confirmInput, needsConfirmation } from "./schema.js";

export interface Confirmation {
  employerName: string;
  version: number;
  confirmedAt: Date;
  /** Someone of the same employer had confirmed this version already. */
  already: boolean;
}

/**
 * A contact confirms the network's current condition text on behalf of their own employer.
 * The text they saw must be the current one: after a change they are shown the new version.
 */
export async function confirmCondition(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<Confirmation>> {
  const parsed = confirmInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  if (!actor.employerId) return fail("notAllowed", "conditions.confirm.noEmployer");
  const [network, employer, text] = await Promise.all([
    deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { membershipCondition: true } }),
    deps.db.employer.findUniqueOrThrow({ where: { id: actor.employerId }, select: { id: true, name: true } }),
    currentConditionText(deps.db, actor.networkId),
  ]);
  if (!needsConfirmation(network.membershipCondition)) return fail("invalid", "conditions.text.notNeeded");
  if (!text) return fail("notFound", "conditions.confirm.noText");
  if (text.id !== parsed.data.textId) return fail("conflict", "conditions.confirm.outdated", { version: text.version });

  const existing = () =>
    deps.db.membershipConfirmation.findUnique({ where: { employerId_textId: { employerId: employer.id, textId: text.id } }, select: { confirmedAt: true } });
  const before = await existing();
  if (before) return ok({ employerName: employer.name, version: text.version, confirmedAt: before.confirmedAt, already: true });
  try {
    const created = await deps.db.$transaction(async (tx) => {
      const row = await tx.membershipConfirmation.create({
        data: { employerId: employer.id, textId: text.id, confirmedById: actor.personId, confirmedAt: deps.now() },
        select: { confirmedAt: true },
      });
      await audit(tx, actor, "condition.confirm", { type: "Employer", id: employer.id }, { version: text.version }, deps.now());
      return row;
    });
    return ok({ employerName: employer.name, version: text.version, confirmedAt: created.confirmedAt, already: false });
  } catch (error) {
    // A colleague pressed the same button at the same moment: their confirmation stands.
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    const row = await existing();
    if (!row) throw error;
    return ok({ employerName: employer.name, version: text.version, confirmedAt: row.confirmedAt, already: true });
  }
}
