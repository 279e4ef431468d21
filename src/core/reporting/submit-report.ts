import type { ChatPlatform } from "../platforms.js";
import type { Db, DbClient } from "../../db/database.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { audit } from "../shared/audit.js";
import { fail, invalidInput, ok, type Result } from "../result.js";
import { ensurePeriod, findNetwork, findPeriod } from "./periods.js";
import { quarterLabel, quarterOf, type QuarterRef } from "./quarters.js";
import { mayReportFor } from "./report-window.js";
import { submitReportInput } from "./schema.js";
import { DETAIL_FIELDS, detailOf, hasDetail, type ReportDetail } from "./detail.js";
import { isCurrent } from "../members/archive-scope.js";
import { recordAmbition } from "../ambition/repository.js";
import { enqueueNotifications } from "../outbox/enqueue.js";
import { personNames } from "../shared/person-names.js";

export type SubmitVia = ChatPlatform;

export interface SubmittedReport {
  reportId: string;
  employerId: string;
  quarter: QuarterRef;
  label: string;
  /** The employer's ambition after this submission. */
  ambition: number;
  ambitionChanged: boolean;
  realised: number;
  /** The detail stored with this version (all null when none was given or kept). */
  detail: ReportDetail;
  version: number;
  corrected: boolean;
}

/** A colleague already gave another figure for the quarter: shown, and replaced only after a yes. */
export interface ReplaceConfirmation {
  needsConfirmation: true;
  label: string;
  current: { realised: number; submittedBy: string | null; submittedAt: Date };
}

/**
 * Submits this quarter's figures for the actor's employer, or corrects them (keeping history).
 * Changing a figure someone else gave asks for confirmation first, and tells them afterwards.
 */
export async function submitReport(
  deps: CoreDeps,
  actor: Actor,
  raw: unknown,
  via: SubmitVia,
): Promise<Result<SubmittedReport | ReplaceConfirmation>> {
  const parsed = submitReportInput.safeParse(raw);
  if (!parsed.success) return invalidInput(parsed.error);
  const input = parsed.data;

  const employerId = await resolveEmployer(deps.db, actor, input.employerId);
  if (!employerId.ok) return employerId;

  const network = await findNetwork(deps.db, actor.networkId);
  const current = quarterOf(deps.now(), network.timeZone);
  const ref = input.year && input.quarter ? { year: input.year, quarter: input.quarter } : current;
  const label = quarterLabel(ref);
  // Checked before the period row is made, so a refused quarter leaves nothing behind.
  const allowed = mayReportFor(actor, ref, current, await findPeriod(deps.db, network.id, ref));
  if (!allowed.ok) return allowed;

  const period = await ensurePeriod(deps.db, network, ref);
  const given = await deps.db.placementReport.findUnique({
    where: { employerId_periodId: { employerId: employerId.value, periodId: period.id } },
    select: { realised: true, submittedById: true, submittedAt: true },
  });
  if (given && byColleague(given, actor) && given.realised !== input.realised && !input.confirmReplace) {
    const names = await personNames(deps.db, [given.submittedById]);
    return ok({ needsConfirmation: true, label, current: { realised: given.realised, submittedBy: names.get(given.submittedById!) ?? null, submittedAt: given.submittedAt } });
  }
  // A period closed between the check and now (the campaign's quarter end) still holds for members.
  if (period.status === "CLOSED" && !isCoordinator(actor)) {
    return fail("conflict", "reporting.periodClosed", { quarter: label });
  }

  const figures: Figures = {
    realised: input.realised,
    // The detail step leaves the remark of the first step as it was.
    remark: input.remark ?? (input.keepRemark ? undefined : null),
    submittedById: actor.personId,
    submittedVia: via,
    detail: hasDetail(input) || input.replaceDetail ? detailOf(input) : null,
  };
  const saved = await saveWithRevision(deps.db, employerId.value, period.id, figures, deps.now(), input.ambition, label);
  await audit(deps.db, actor, saved.version === 1 ? "report.submit" : "report.correct", { type: "PlacementReport", id: saved.id }, { version: saved.version, via });
  return ok({
    reportId: saved.id,
    employerId: employerId.value,
    quarter: ref,
    label,
    ambition: saved.ambition,
    ambitionChanged: saved.ambitionChanged,
    realised: saved.realised,
    detail: saved.detail,
    version: saved.version,
    corrected: saved.version > 1,
  });
}

async function resolveEmployer(db: Db, actor: Actor, requested: string | undefined): Promise<Result<string>> {
  if (!isCoordinator(actor)) {
    if (!actor.employerId) return fail("notAllowed", "error.noEmployer");
    if (requested && requested !== actor.employerId) return fail("notAllowed", "reporting.otherEmployer");
  }
  const id = isCoordinator(actor) ? requested ?? actor.employerId : actor.employerId;
  if (!id) return fail("invalid", "reporting.employerNotFound");
  const employer = await db.employer.findFirst({ where: { id, networkId: actor.networkId }, select: { id: true, name: true, archivedAt: true } });
  if (!employer) return fail("notFound", "reporting.employerNotFound");
  // An archived employer has left the network: a new report would put it back in the open figures.
  if (!isCurrent(employer)) return fail("conflict", "reporting.employerArchived", { employer: employer.name });
  return ok(employer.id);
}

interface Figures {
  realised: number;
  /** undefined: keep the remark stored before. */
  remark: string | null | undefined;
  submittedById: string;
  submittedVia: SubmitVia;
  /** null: none given now, so the earlier detail is kept if the placements did not change. */
  detail: ReportDetail | null;
}

const detailSelect = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, true])) as Record<keyof ReportDetail, true>;

/**
 * The one-line `rapporteer 3` gives no detail: a correction of the remark keeps the detail given
 * before, but a changed number of placements drops it, since its parts described other people.
 */
function detailToStore(given: ReportDetail | null, existing: ({ realised: number } & ReportDetail) | null, realised: number): ReportDetail {
  if (given) return given;
  if (existing && existing.realised === realised) return detailOf(existing);
  return detailOf({});
}

const byColleague = (given: { submittedById: string | null }, actor: Actor) => given.submittedById !== null && given.submittedById !== actor.personId;

async function saveWithRevision(
  db: Db,
  employerId: string,
  periodId: string,
  figures: Figures,
  at: Date,
  ambition: number | undefined,
  label: string,
  attempt = 1,
): Promise<{ id: string; version: number; realised: number; detail: ReportDetail; ambition: number; ambitionChanged: boolean }> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.placementReport.findUnique({
        where: { employerId_periodId: { employerId, periodId } },
        select: { id: true, version: true, realised: true, remark: true, submittedById: true, ...detailSelect },
      });
      const version = (existing?.version ?? 0) + 1;
      const { detail: given, ...rest } = figures;
      const detail = detailToStore(given, existing, figures.realised);
      const row = { ...rest, remark: rest.remark === undefined ? existing?.remark ?? null : rest.remark, ...detail };
      const report = existing
        ? await tx.placementReport.update({ where: { id: existing.id }, data: { ...row, version, submittedAt: at } })
        : await tx.placementReport.create({ data: { ...row, employerId, periodId, version, submittedAt: at } });
      await tx.placementReportRevision.create({ data: { ...row, reportId: report.id, version, submittedAt: at } });
      if (existing?.submittedById && existing.submittedById !== figures.submittedById && existing.realised !== figures.realised) {
        await tellEarlierSubmitter(tx, { reportId: report.id, version, label, employerId, before: existing.realised, after: figures.realised, to: existing.submittedById, by: figures.submittedById });
      }
      const ambitionChanged =
        ambition !== undefined && (await recordAmbition(tx, employerId, { ambition }, { personId: figures.submittedById, source: "REPORT", at }));
      const employer = await tx.employer.findUniqueOrThrow({ where: { id: employerId }, select: { ambition: true } });
      return { id: report.id, version: report.version, realised: report.realised, detail, ambition: employer.ambition, ambitionChanged };
    });
  } catch (error) {
    // Two contacts of one employer submitting the first report at the same moment: the loser
    // retries as a correction, so neither submission is lost.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002" && attempt < 3) {
      return saveWithRevision(db, employerId, periodId, figures, at, ambition, label, attempt + 1);
    }
    throw error;
  }
}

/** Through the outbox, in the same transaction: the notice is sent once, and never for a change that rolled back. */
async function tellEarlierSubmitter(
  tx: DbClient,
  n: { reportId: string; version: number; label: string; employerId: string; before: number; after: number; to: string; by: string },
): Promise<void> {
  const [employer, names] = await Promise.all([
    tx.employer.findUniqueOrThrow({ where: { id: n.employerId }, select: { name: true } }),
    personNames(tx, [n.by]),
  ]);
  await enqueueNotifications(tx, [
    {
      kind: "report.replaced",
      personId: n.to,
      idempotencyKey: `report:${n.reportId}:replaced:${n.version}`,
      data: { employerName: employer.name, label: n.label, before: n.before, after: n.after, by: names.get(n.by) ?? "" },
    },
  ]);
}
