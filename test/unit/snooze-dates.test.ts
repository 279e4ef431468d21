import { describe, expect, it } from "vitest";
import { snoozeUntil } from "../../src/core/campaigns/preferences.js";

const now = new Date("2026-11-20T10:00:00Z"); // a Friday
const zone = "Europe/Amsterdam";

describe("uitstellen tot … takes dates the Dutch way", () => {
  it("reads 1-12-2026, tot 1-12-2026 and 2026-12-01 as the same morning", () => {
    const expected = new Date("2026-12-01T08:00:00Z"); // 09:00 in Amsterdam
    expect(snoozeUntil("1-12-2026", now, zone)).toEqual(expected);
    expect(snoozeUntil("tot 1-12-2026", now, zone)).toEqual(expected);
    expect(snoozeUntil("01-12-2026", now, zone)).toEqual(expected);
    expect(snoozeUntil("2026-12-01", now, zone)).toEqual(expected);
    expect(snoozeUntil("tot maandag", now, zone)).toEqual(new Date("2026-11-23T08:00:00Z"));
  });

  it("refuses a day that does not exist or has passed", () => {
    expect(snoozeUntil("31-2-2027", now, zone)).toBeNull();
    expect(snoozeUntil("1-13-2026", now, zone)).toBeNull();
    expect(snoozeUntil("1-11-2026", now, zone)).toBeNull();
  });
});
