import type { DetailField } from "../../core/reporting/detail.js";

/**
 * The one-line report: "3", "Q3 2026 3", "3 ambitie 100", "3 opmerking tekst…", and the optional
 * detail as keyword-number pairs after the placements, in any order:
 *   rapporteer 3 uren 76,5 dienstverband 2 inleen 1 doelgroep 2 niet 1 onbekend 0 stage 1 wep 1 proef 0 bbl 1
 *   report 3 hours 76.5 employed 2 hiredin 1 target 2 not 1 unknown 0 internship 1 wep 1 trial 0 bbl 1
 * A remark ("opmerking …") comes last and takes the rest of the line.
 */
const KEYWORDS: Record<string, DetailField | "ambition"> = {
  ambitie: "ambition",
  ambition: "ambition",
  uren: "hoursPerWeek",
  uur: "hoursPerWeek",
  hours: "hoursPerWeek",
  dienstverband: "employment",
  dienst: "employment",
  employed: "employment",
  employment: "employment",
  inleen: "hiredIn",
  ingeleend: "hiredIn",
  hiredin: "hiredIn",
  "hired-in": "hiredIn",
  doelgroep: "targetGroupYes",
  target: "targetGroupYes",
  niet: "targetGroupNo",
  not: "targetGroupNo",
  onbekend: "targetGroupUnknown",
  unknown: "targetGroupUnknown",
  stage: "internships",
  stages: "internships",
  internship: "internships",
  internships: "internships",
  wep: "workExperience",
  werkervaringsplek: "workExperience",
  werkervaringsplekken: "workExperience",
  "work-experience": "workExperience",
  proef: "trialPlacements",
  proefplaatsing: "trialPlacements",
  proefplaatsingen: "trialPlacements",
  trial: "trialPlacements",
  bbl: "bblTrajectories",
};

const head = /^(?:q([1-4])\s+(\d{4})\s+)?(\S+)([\s\S]*)$/i;
const remarkStart = /(?:^|\s)(?:opmerking|remark)\s+([\s\S]+)$/i;

export type OneLineReport = { realised: string; remark?: string; quarter?: string; year?: string } & Partial<Record<DetailField | "ambition", string>>;

/** Numbers stay strings, so core validation gives the field errors; an unknown word gives null (usage). */
export function parseOneLineReport(args: string): OneLineReport | null {
  const match = head.exec(args.trim());
  if (!match) return null;
  const [, quarter, year, realised, tail] = match as unknown as [string, string | undefined, string | undefined, string, string];
  const remark = remarkStart.exec(tail);
  const pairs = (remark ? tail.slice(0, remark.index) : tail).trim().split(/\s+/).filter(Boolean);
  if (pairs.length % 2 !== 0) return null;
  const report: OneLineReport = { realised, quarter, year, remark: remark?.[1] };
  for (let i = 0; i < pairs.length; i += 2) {
    const field = KEYWORDS[pairs[i]!.toLowerCase()];
    if (!field || report[field] !== undefined) return null;
    report[field] = pairs[i + 1];
  }
  return report;
}
