import { z } from "zod";
import { countField } from "../shared/fields.js";
import { MAX_PLACEMENTS } from "./limits.js";

/**
 * The optional detail of a quarterly report: counts only, never anything about one person
 * (README "Ambitie en voortgang"). The number of people is the report's placements (`realised`):
 * one placement is one person placed in the quarter, so the parts are checked against it.
 */

/** Under the banenafspraak one baan is 25.5 paid hours a week; fewer count pro rata, more as more than one. */
export const HOURS_PER_BAAN = 25.5;
// The Arbeidstijdenwet allows at most 60 hours in one week; more per person is a typo
// (often the hours of a month or a quarter typed as a week).
export const MAX_HOURS_PER_PERSON = 60;

/** Hours a week as typed: "76,5" and "76.5" both mean 76.5; at most two decimals ("1.020" is refused, not read as 1020). */
const hoursField = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value ?? undefined;
    const text = value.trim();
    if (text === "") return undefined;
    return /^\d{1,6}(?:[.,]\d{1,2})?$/.test(text) ? Number(text.replace(",", ".")) : text;
  },
  z
    .number({ invalid_type_error: "field.hours" })
    .min(0, "field.negative")
    .max(MAX_PLACEMENTS * MAX_HOURS_PER_PERSON, "field.tooLarge")
    .refine((hours) => Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6, "field.hours")
    .optional(),
);

// An empty form field is "not given": made undefined before .optional() looks at it.
const part = z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value ?? undefined), countField(MAX_PLACEMENTS).optional());

export const reportDetailFields = {
  hoursPerWeek: hoursField,
  /** dienstverband: employed by the employer itself. */
  employment: part,
  /** inleen: hired in (via a WSP, SW-bedrijf or agency), counted where the person works. */
  hiredIn: part,
  /** In the banenafspraak target group (doelgroepregister): yes, not, unknown. */
  targetGroupYes: part,
  targetGroupNo: part,
  targetGroupUnknown: part,
  /** Trajectories: outcomes a network wants to see, but no banen and not in `realised`. */
  internships: part,
  workExperience: part,
  trialPlacements: part,
  bblTrajectories: part,
};

export type DetailField = keyof typeof reportDetailFields;
export const DETAIL_FIELDS = Object.keys(reportDetailFields) as DetailField[];
export const TRAJECTORY_FIELDS = ["internships", "workExperience", "trialPlacements", "bblTrajectories"] as const satisfies readonly DetailField[];

/** As stored: null is "not given", which is not 0. */
export type ReportDetail = { [K in DetailField]: number | null };

export const emptyDetail = (): ReportDetail => Object.fromEntries(DETAIL_FIELDS.map((f) => [f, null])) as ReportDetail;

export const hasDetail = (values: Partial<Record<DetailField, unknown>>) => DETAIL_FIELDS.some((f) => values[f] !== undefined && values[f] !== null);

export function detailOf(values: Partial<Record<DetailField, number | null | undefined>>): ReportDetail {
  return Object.fromEntries(DETAIL_FIELDS.map((f) => [f, values[f] ?? null])) as ReportDetail;
}

/**
 * The parts may not exceed the whole. Decision (README): dienstverband + inleen ≤ people, and
 * target group ja + niet + onbekend ≤ people; whoever is left out of a split is "not given"
 * (for the target group: onbekend). Hours at most 60 a week per person.
 */
export function checkDetail(v: { realised: number } & Partial<Record<DetailField, number | undefined>>, ctx: z.RefinementCtx): void {
  const people = v.realised;
  const sum = (fields: DetailField[]) => fields.reduce((total, f) => total + (v[f] ?? 0), 0);
  const refuse = (fields: DetailField[], key: string, params: Record<string, number>) => {
    for (const f of fields) if (v[f] !== undefined) ctx.addIssue({ code: "custom", path: [f], message: key, params: { messageParams: params } });
  };
  const split: DetailField[] = ["employment", "hiredIn"];
  if (sum(split) > people) refuse(split, "field.splitTooMany", { given: sum(split), people });
  const group: DetailField[] = ["targetGroupYes", "targetGroupNo", "targetGroupUnknown"];
  if (sum(group) > people) refuse(group, "field.targetGroupTooMany", { given: sum(group), people });
  if (v.hoursPerWeek !== undefined && v.hoursPerWeek > people * MAX_HOURS_PER_PERSON) {
    refuse(["hoursPerWeek"], "field.hoursTooMany", { people, max: people * MAX_HOURS_PER_PERSON, perPerson: MAX_HOURS_PER_PERSON });
  }
}

/**
 * Banen in tenths, rounded half up to one decimal: 25.5 h is 10 (1,0), 12.75 h is 5 (0,5).
 * Integer arithmetic on hundredths of an hour, so no floating-point error moves a boundary;
 * a total is the banen of the summed hours, not a sum of rounded banen.
 */
export function banenTenths(hours: number): number {
  const hundredths = Math.round(hours * 100);
  // tenths = hundredths / 255 (25.5 h = 2550 hundredths = 10 tenths), half up.
  return Math.floor((hundredths * 2 + 255) / 510);
}

export const banen = (hours: number) => banenTenths(hours) / 10;

/** The detail of several reports added up, for coordinators' totals. */
export interface DetailTotals {
  /** Summed hours a week of the reports that gave hours, and the people those reports cover. */
  hoursPerWeek: number;
  peopleWithHours: number;
  /** hoursPerWeek / 25.5, one decimal. */
  banen: number;
  employment: number;
  hiredIn: number;
  targetGroupYes: number;
  targetGroupNo: number;
  /** Reports' "onbekend" plus everyone for whom neither ja nor niet was given. */
  targetGroupUnknown: number;
  internships: number;
  workExperience: number;
  trialPlacements: number;
  bblTrajectories: number;
}

export const emptyDetailTotals = (): DetailTotals => ({
  hoursPerWeek: 0,
  peopleWithHours: 0,
  banen: 0,
  employment: 0,
  hiredIn: 0,
  targetGroupYes: 0,
  targetGroupNo: 0,
  targetGroupUnknown: 0,
  internships: 0,
  workExperience: 0,
  trialPlacements: 0,
  bblTrajectories: 0,
});

/** Adds one report (its placements and its detail, if any) to the totals. */
export function addReportDetail(t: DetailTotals, realised: number, d: Partial<ReportDetail>): DetailTotals {
  const hours = d.hoursPerWeek ?? null;
  const hoursPerWeek = t.hoursPerWeek + (hours ?? 0);
  const yes = d.targetGroupYes ?? 0;
  const no = d.targetGroupNo ?? 0;
  return {
    hoursPerWeek,
    peopleWithHours: t.peopleWithHours + (hours === null ? 0 : realised),
    banen: banen(hoursPerWeek),
    employment: t.employment + (d.employment ?? 0),
    hiredIn: t.hiredIn + (d.hiredIn ?? 0),
    targetGroupYes: t.targetGroupYes + yes,
    targetGroupNo: t.targetGroupNo + no,
    targetGroupUnknown: t.targetGroupUnknown + Math.max(0, realised - yes - no),
    internships: t.internships + (d.internships ?? 0),
    workExperience: t.workExperience + (d.workExperience ?? 0),
    trialPlacements: t.trialPlacements + (d.trialPlacements ?? 0),
    bblTrajectories: t.bblTrajectories + (d.bblTrajectories ?? 0),
  };
}

export function addDetailTotals(a: DetailTotals, b: DetailTotals): DetailTotals {
  const hoursPerWeek = a.hoursPerWeek + b.hoursPerWeek;
  const out = { ...a };
  for (const key of Object.keys(a) as Array<keyof DetailTotals>) out[key] = a[key] + b[key];
  return { ...out, hoursPerWeek, banen: banen(hoursPerWeek) };
}

/** Totals from database sums (`_sum` of a group of reports): the same arithmetic as addReportDetail. */
export function detailFromSums(realised: number, sums: Partial<Record<DetailField, number | null>>, peopleWithHours: number): DetailTotals {
  const hoursPerWeek = sums.hoursPerWeek ?? 0;
  const yes = sums.targetGroupYes ?? 0;
  const no = sums.targetGroupNo ?? 0;
  return {
    hoursPerWeek,
    peopleWithHours,
    banen: banen(hoursPerWeek),
    employment: sums.employment ?? 0,
    hiredIn: sums.hiredIn ?? 0,
    targetGroupYes: yes,
    targetGroupNo: no,
    targetGroupUnknown: Math.max(0, realised - yes - no),
    internships: sums.internships ?? 0,
    workExperience: sums.workExperience ?? 0,
    trialPlacements: sums.trialPlacements ?? 0,
    bblTrajectories: sums.bblTrajectories ?? 0,
  };
}

export const detailSums = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, true])) as Record<DetailField, true>;
