import { addDetailTotals, emptyDetailTotals, type DetailTotals } from "./detail.js";

/** The figures of a quarter for a network, a region or the whole tree (README "Ambitie en voortgang"). */
export interface QuarterFigures {
  /** Employers that count in the quarter (archive-scope.ts), reported or not. */
  employers: number;
  reported: number;
  notReported: number;
  /** reported / employers; 0 for a network without employers. */
  responseRate: number;
  /** Placements new in the quarter, of those that reported. */
  realised: number;
  /** Placements of all quarters up to this one, of the employers that count in it. */
  cumulative: number;
  /** The sum of the ambitions of every employer that counts, reported or not. */
  ambition: number;
  /** The optional detail of the quarter's reports, added up: persons, banen, split, trajectories. */
  detail: DetailTotals;
}

export interface FigureParts {
  employers: number;
  reported: number;
  realised: number;
  cumulative: number;
  ambition: number;
  detail?: DetailTotals;
}

export const emptyFigures = (): QuarterFigures => ({ employers: 0, reported: 0, notReported: 0, responseRate: 0, realised: 0, cumulative: 0, ambition: 0, detail: emptyDetailTotals() });

export function addFigures(a: QuarterFigures, b: FigureParts): QuarterFigures {
  const employers = a.employers + b.employers;
  const reported = a.reported + b.reported;
  return {
    employers,
    reported,
    notReported: employers - reported,
    responseRate: employers === 0 ? 0 : reported / employers,
    realised: a.realised + b.realised,
    cumulative: a.cumulative + b.cumulative,
    ambition: a.ambition + b.ambition,
    detail: b.detail ? addDetailTotals(a.detail, b.detail) : a.detail,
  };
}
