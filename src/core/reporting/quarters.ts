import { TZDate } from "@date-fns/tz";

/** Quarter arithmetic in a network's time zone. */

export interface QuarterRef {
  year: number;
  quarter: number;
}

export function quarterOf(date: Date, timeZone: string): QuarterRef {
  const local = new TZDate(date.getTime(), timeZone);
  return { year: local.getFullYear(), quarter: Math.floor(local.getMonth() / 3) + 1 };
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
