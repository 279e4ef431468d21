import type { DbClient } from "../../db/database.js";
import { Prisma } from "../../generated/prisma/client.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { audit } from "../shared/audit.js";
import { conditionTextInput, needsConfirmation, type ConfirmedCondition } from "./schema.js";

export interface ConditionText {
  id: string;
  version: number;
  text: string;
  createdAt: Date;
}

/** currentConditionText for the chat layer, which reaches data only through core. */
export function currentCondition(deps: Pick<CoreDeps, "db">, networkId: string): Promise<ConditionText | null> {
  return currentConditionText(deps.db, networkId);
}

/** Which condition of membership the network asks for (placement reporting, an intentieverklaring …). */
export async function membershipConditionOf(deps: Pick<CoreDeps, "db">, networkId: string) {
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: networkId }, select: { membershipCondition: true } });
  return network.membershipCondition;
}

/** The version employers confirm now: the newest, or null while the coordinators have set none. */
export async function currentConditionText(db: DbClient, networkId: string): Promise<ConditionText | null> {
  return db.membershipConditionText.findFirst({
    where: { networkId },
    orderBy: { version: "desc" },
    select: { id: true, version: true, text: true, createdAt: true },
  });
}

export interface NewConditionText extends ConditionText {
  condition: ConfirmedCondition;
  /** False when the text was the current one already: nothing was stored or sent. */
  changed: boolean;
  /** People asked to confirm it for their employer. */
  asked: number;
}

/**
 * Coordinators: a new version of the text their network's employers confirm. Every employer's
 * earlier confirmation then no longer counts, so each employer's contacts are asked again.
 */
export async function setConditionText(deps: CoreDeps, actor: Actor, raw: unknown): Promise<Result<NewConditionText>> {
  if (!isCoordinator(actor)) return fail("notAllowed", "conditions.text.coordinatorOnly");
  const parsed = conditionTextInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const network = await deps.db.network.findUniqueOrThrow({ where: { id: actor.networkId }, select: { name: true, membershipCondition: true } });
  if (!needsConfirmation(network.membershipCondition)) return fail("invalid", "conditions.text.notNeeded");
  const condition = network.membershipCondition;

  try {
    return ok(
      await deps.db.$transaction(async (tx) => {
        const current = await currentConditionText(tx, actor.networkId);
        if (current?.text === parsed.data.text) return { ...current, condition, changed: false, asked: 0 };
        const created = await tx.membershipConditionText.create({
          data: { networkId: actor.networkId, version: (current?.version ?? 0) + 1, text: parsed.data.text, createdById: actor.personId, createdAt: deps.now() },
          select: { id: true, version: true, text: true, createdAt: true },
        });
        await audit(tx, actor, "condition.text", { type: "Network", id: actor.networkId }, { version: created.version }, deps.now());
        const asked = await askEmployers(tx, actor.networkId, network.name, condition, created);
        return { ...created, condition, changed: true, asked };
      }),
    );
  } catch (error) {
    // Two coordinators saving at once: the second is told to look again rather than overwrite.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return fail("conflict", "conditions.text.changed");
    throw error;
  }
}

/**
 * Each current employer's reporting contacts (or, without any, all its people) get the text
 * with a button to confirm it. Keyed per text version, so a retried save asks nobody twice.
 */
async function askEmployers(tx: DbClient, networkId: string, networkName: string, condition: ConfirmedCondition, text: ConditionText): Promise<number> {
  const people = await tx.person.findMany({
    where: { networkId, erasedAt: null, employerId: { not: null }, employer: { archivedAt: null } },
    select: { id: true, employerId: true, reportingContact: true, employer: { select: { name: true } } },
  });
  const withContact = new Set(people.filter((p) => p.reportingContact).map((p) => p.employerId));
  const asked = people.filter((p) => p.reportingContact || !withContact.has(p.employerId));
  await enqueueNotifications(
    tx,
    asked.map((p) => ({
      kind: "conditions.ask",
      personId: p.id,
      idempotencyKey: `condition:${text.id}:${p.id}`,
      data: { networkName, employerName: p.employer?.name ?? "", condition, textId: text.id, version: text.version, text: text.text },
    })),
  );
  return asked.length;
}

