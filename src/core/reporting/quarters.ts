import { TZDate } from "@date-fns/tz";

/** Quarter arithmetic in a network's time zone. */

export interface QuarterRef {
  year: number;
  quarter: number;
}

// Every chat request asks which quarter it is; resolving a time zone costs far more than
// comparing against the last answer's bounds, which hold for three months.
const lastQuarter = new Map<string, { ref: QuarterRef; from: number; until: number }>();

export function quarterOf(date: Date, timeZone: string): QuarterRef {
  const at = date.getTime();
  const last = lastQuarter.get(timeZone);
  if (last && at >= last.from && at < last.until) return { ...last.ref };
  const local = new TZDate(at, timeZone);
  const ref = { year: local.getFullYear(), quarter: Math.floor(local.getMonth() / 3) + 1 };
  lastQuarter.set(timeZone, { ref, from: quarterStart(ref, timeZone).getTime(), until: quarterEnd(ref, timeZone).getTime() });
  return { ...ref };
}

export function previousQuarter({ year, quarter }: QuarterRef): QuarterRef {
  return quarter === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: quarter - 1 };
}

export function nextQuarter({ year, quarter }: QuarterRef): QuarterRef {
  return quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: quarter + 1 };
}

export function compareQuarters(a: QuarterRef, b: QuarterRef): number {
  return a.year - b.year || a.quarter - b.quarter;
}

/** Local midnight at the start of the quarter, as an instant. */
export function quarterStart({ year, quarter }: QuarterRef, timeZone: string): Date {
  return new Date(new TZDate(year, (quarter - 1) * 3, 1, 0, 0, timeZone).getTime());
}

export function quarterEnd(ref: QuarterRef, timeZone: string): Date {
  return quarterStart(nextQuarter(ref), timeZone);
}

export const quarterLabel = ({ year, quarter }: QuarterRef) => `Q${quarter} ${year}`;
