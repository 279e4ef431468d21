import { describe, expect, it } from "vitest";
import { parseEventDateTime, toLocalInput } from "../../src/core/events/datetime.js";

const zone = "Europe/Amsterdam";
const iso = (value: unknown) => parseEventDateTime(value, zone)?.toISOString() ?? null;

describe("event date and time parsing (Europe/Amsterdam)", () => {
  it("reads form input as Amsterdam wall-clock time, winter and summer", () => {
    expect(iso("2026-12-15T15:00")).toBe("2026-12-15T14:00:00.000Z");
    expect(iso("2026-12-15 15:00")).toBe("2026-12-15T14:00:00.000Z");
    expect(iso(" 2027-07-01T09:30:15 ")).toBe("2027-07-01T07:30:15.000Z");
  });

  it("reads a date and time typed the Dutch way (issue 14)", () => {
    expect(iso("15-12-2026 15:00")).toBe("2026-12-15T14:00:00.000Z");
    expect(iso("15-12-2026 15.00")).toBe("2026-12-15T14:00:00.000Z");
    expect(iso("1-7-2027 9:30")).toBe("2027-07-01T07:30:00.000Z");
    expect(iso("15-12-2026 om 15:00")).toBe("2026-12-15T14:00:00.000Z");
    for (const bad of ["31-2-2027 10:00", "15-13-2026 10:00", "15-12-2026 24:00", "12/15/2026 15:00"]) expect(iso(bad), bad).toBeNull();
  });

  it("takes instants with an offset or Z as they are", () => {
    expect(iso("2026-12-15T15:00:00Z")).toBe("2026-12-15T15:00:00.000Z");
    expect(iso("2026-12-15T15:00:00.250+02:00")).toBe("2026-12-15T13:00:00.250Z");
    expect(iso(new Date("2026-12-15T15:00:00Z"))).toBe("2026-12-15T15:00:00.000Z");
  });

  it("refuses impossible and foreign formats instead of rolling them over", () => {
    for (const bad of ["2027-02-31T10:00", "2026-13-01T10:00", "2026-12-15T24:00", "2026-12-15T10:60", "morgen", "", 1765800000000, null, {}, new Date("x")]) {
      expect(iso(bad), String(bad)).toBeNull();
    }
  });

  it("gives a form's initial value in local time that parses back to the same instant", () => {
    for (const instant of ["2026-12-15T14:00:00.000Z", "2027-07-01T07:30:00.000Z"]) {
      const local = toLocalInput(new Date(instant), zone);
      expect(iso(local)).toBe(instant);
    }
    expect(toLocalInput(new Date("2026-12-15T14:00:00Z"), zone)).toBe("2026-12-15T15:00");
    // The night summer time ends, 02:30 happens twice; the form shows the wall clock.
    expect(toLocalInput(new Date("2026-10-25T00:30:00Z"), zone)).toBe("2026-10-25T02:30");
  });
});
