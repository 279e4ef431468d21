import { Prisma } from "../../generated/prisma/client.js";
import { isCoordinator, type Actor } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, notAllowed, ok, type Result } from "../result.js";
import { writePlan, type AppliedCounts } from "./apply.js";
import { loadNetworkMembers } from "./member-list.js";
import { hasChanges, planImport, type ImportPlan } from "./plan.js";
import { readSheet } from "./read-file.js";
import { parseRows, type ParsedRows } from "./rows.js";

// One transaction for the whole file (all or nothing). A first import of a few thousand rows
// is a handful of inserts, but a file that changes every row is one update per row, which on a
// busy two-core machine takes far longer than Prisma's five-second default.
const importTransaction = { maxWait: 15_000, timeout: 120_000 } as const;

export interface ImportOutcome {
  plan: ImportPlan;
  /** False when the file matched the member list already: nothing was written. */
  changed: boolean;
  counts: AppliedCounts;
  /** For the welcome message each new person gets. */
  createdPersonIds: string[];
}

/** The dry run: what importing this file would change. Writes nothing. Coordinators only. */
export async function previewImport(deps: CoreDeps, actor: Actor, file: Uint8Array): Promise<Result<ImportPlan>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = await readRows(file);
  if (!parsed.ok) return parsed;
  const members = await loadNetworkMembers(deps.db, actor.networkId);
  return ok(planImport(parsed.value.rows, members, actor, parsed.value.format));
}

/**
 * Applies the file, all or nothing. The plan is made again inside the transaction, with the
 * network locked against a second import, so what is written is what the file says about the
 * list as it is now. `expectedDigest` is the plan the coordinator saw: if the list changed in
 * between, nothing is written and they are asked to look again.
 */
export async function applyImport(deps: CoreDeps, actor: Actor, file: Uint8Array, options: { expectedDigest?: string } = {}): Promise<Result<ImportOutcome>> {
  if (!isCoordinator(actor)) return notAllowed();
  const parsed = await readRows(file);
  if (!parsed.ok) return parsed;
  const { rows, format } = parsed.value;
  try {
    return await deps.db.$transaction(async (tx): Promise<Result<ImportOutcome>> => {
      await tx.$queryRaw`SELECT id FROM "Network" WHERE id = ${actor.networkId} FOR UPDATE`;
      const plan = planImport(rows, await loadNetworkMembers(tx, actor.networkId), actor, format);
      if (plan.badRows.length > 0) return fail("invalid", "import.apply.badRows", { count: plan.badRows.length });
      if (options.expectedDigest !== undefined && options.expectedDigest !== plan.digest) return fail("conflict", "import.apply.changed");
      if (!hasChanges(plan)) return ok({ plan, changed: false, counts: { employersAdded: 0, employersUpdated: 0, peopleAdded: 0, peopleUpdated: 0 }, createdPersonIds: [] });
      const written = await writePlan(tx, actor, plan, deps.now());
      return ok({ plan, changed: true, ...written });
    }, importTransaction);
  } catch (error) {
    // Someone added the same person or employer by hand while the file was being written.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return fail("conflict", "import.apply.changed");
    throw error;
  }
}

async function readRows(file: Uint8Array): Promise<Result<{ rows: ParsedRows; format: "csv" | "xlsx" }>> {
  const sheet = await readSheet(file);
  if (!sheet.ok) return sheet;
  const rows = parseRows(sheet.value);
  return rows.ok ? ok({ rows: rows.value, format: sheet.value.format }) : rows;
}
