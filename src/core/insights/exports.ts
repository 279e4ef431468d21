import { z } from "zod";
import type { Actor } from "../actor.js";
import { isCoordinator } from "../actor.js";
import type { CoreDeps } from "../deps.js";
import { fail, notAllowed, notFound, ok, type Result } from "../result.js";
import type { ReportRow } from "../reporting/export-reports.js";

/** Report rows for a spreadsheet: the whole network for coordinators, own employer for members. */
export async function reportRows(deps: CoreDeps, actor: Actor): Promise<Result<ReportRow[]>> {
  if (!isCoordinator(actor) && !actor.employerId) return fail("notAllowed", "error.noEmployer");
  const scope = isCoordinator(actor) ? { networkId: actor.networkId } : { networkId: actor.networkId, id: actor.employerId! };
  const reports = await deps.db.placementReport.findMany({
    where: { employer: scope },
    select: {
      ambition: true,
      realised: true,
      version: true,
      submittedAt: true,
      remark: true,
      period: { select: { year: true, quarter: true } },
      employer: { select: { name: true, branche: true, region: true } },
    },
    orderBy: [{ period: { year: "asc" } }, { period: { quarter: "asc" } }, { employer: { name: "asc" } }],
  });
  return ok(
    reports.map((r) => ({
      quarter: `${r.period.year}-Q${r.period.quarter}`,
      employer: r.employer.name,
      branche: r.employer.branche,
      region: r.employer.region,
      ambition: r.ambition,
      realised: r.realised,
      version: r.version,
      submittedAt: r.submittedAt,
      remark: r.remark,
    })),
  );
}

export interface AttendeeRow {
  name: string;
  employer: string;
  email: string;
  response: "YES" | "NO" | "MAYBE";
  waitlisted: boolean;
  respondedAt: Date;
}

export const eventNumberParam = z.coerce.number().int().min(1).max(1_000_000);

/** Coordinators: who answered an event's RSVP, for the attendee list at the door. */
export async function attendeeRows(deps: CoreDeps, actor: Actor, rawNumber: unknown): Promise<Result<{ title: string; rows: AttendeeRow[] }>> {
  if (!isCoordinator(actor)) return notAllowed();
  const number = eventNumberParam.safeParse(rawNumber);
  if (!number.success) return notFound();
  const event = await deps.db.event.findUnique({
    where: { networkId_number: { networkId: actor.networkId, number: number.data } },
    select: {
      title: true,
      rsvps: {
        where: { person: { erasedAt: null } },
        select: { response: true, waitlisted: true, respondedAt: true, person: { select: { name: true, email: true, employer: { select: { name: true } } } } },
        orderBy: [{ response: "asc" }, { waitlisted: "asc" }, { respondedAt: "asc" }],
      },
    },
  });
  if (!event) return notFound();
  return ok({
    title: event.title,
    rows: event.rsvps.map((r) => ({
      name: r.person.name,
      employer: r.person.employer?.name ?? "",
      email: r.person.email ?? "",
      response: r.response,
      waitlisted: r.waitlisted,
      respondedAt: r.respondedAt,
    })),
  });
}
