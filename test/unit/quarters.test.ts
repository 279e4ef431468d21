import { describe, expect, it } from "vitest";
import { quarterOf } from "../../src/core/reporting/quarters.js";

// quarterOf remembers the last quarter per time zone; these walk across the boundaries in both
// directions so a remembered answer is never given outside its own quarter.
describe("quarterOf", () => {
  it("turns to Q2 at local midnight on 1 April in Amsterdam (summer time), and back", () => {
    const zone = "Europe/Amsterdam";
    expect(quarterOf(new Date("2026-03-31T21:59:59.999Z"), zone)).toEqual({ year: 2026, quarter: 1 });
    expect(quarterOf(new Date("2026-03-31T22:00:00.000Z"), zone)).toEqual({ year: 2026, quarter: 2 });
    expect(quarterOf(new Date("2026-03-31T21:59:59.999Z"), zone)).toEqual({ year: 2026, quarter: 1 });
  });

  it("turns the year at local midnight, whatever the zone asked before", () => {
    expect(quarterOf(new Date("2026-12-31T22:59:59Z"), "Europe/Amsterdam")).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date("2026-12-31T23:00:00Z"), "Europe/Amsterdam")).toEqual({ year: 2027, quarter: 1 });
    expect(quarterOf(new Date("2026-12-31T23:00:00Z"), "Europe/London")).toEqual({ year: 2026, quarter: 4 });
    expect(quarterOf(new Date("2027-01-01T00:00:00Z"), "Europe/London")).toEqual({ year: 2027, quarter: 1 });
    expect(quarterOf(new Date("2026-12-31T23:00:00Z"), "Europe/Amsterdam")).toEqual({ year: 2027, quarter: 1 });
  });

  it("hands out a copy, so a caller changing it cannot change the next answer", () => {
    const first = quarterOf(new Date("2026-11-25T10:00:00Z"), "Europe/Amsterdam");
    first.quarter = 1;
    expect(quarterOf(new Date("2026-11-25T10:00:00Z"), "Europe/Amsterdam")).toEqual({ year: 2026, quarter: 4 });
  });
});
