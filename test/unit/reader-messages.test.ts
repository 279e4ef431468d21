import { describe, expect, it } from "vitest";
import { signInPage, signInRequiredPage } from "../../src/dashboard/pages/layout.js";
import { catalogue, locales, type MessageKey } from "../../src/i18n/catalogue.js";
import { COORDINATOR_VARIANT, translator } from "../../src/i18n/index.js";

// Messages that send the reader to their coordinator, which a coordinator never receives:
// error.unknownPerson goes to people the bot cannot link (no person, so no role), and
// reporting.periodClosed only to members (core/reporting/report-window.ts lets coordinators report).
const MEMBERS_ONLY = new Set(["error.unknownPerson", "reporting.periodClosed"]);
const ASK_YOUR_COORDINATOR = /(vraag|neem contact op met) je (netwerk)?co[öo]rdinator|ask your (network )?coordinator/i;

describe("messages fit the reader", () => {
  it("never tells a coordinator to ask their coordinator", () => {
    for (const locale of locales) {
      const messages: Record<string, string> = catalogue[locale];
      const coordinator = translator(locale, "coordinator");
      const missing = Object.keys(messages).filter((key) => !key.endsWith(COORDINATOR_VARIANT) && !MEMBERS_ONLY.has(key) && ASK_YOUR_COORDINATOR.test(messages[key]!));
      const told = missing.filter((key) => ASK_YOUR_COORDINATOR.test(coordinator(key as MessageKey, { quarter: "Q3 2026", current: "Q4 2026", employer: "X", title: "X" })));
      expect(told, locale).toEqual([]);
      expect(missing.length, "the check has messages to look at").toBeGreaterThan(0);
    }
  });

  it("gives members the member text and coordinators theirs, under one key", () => {
    expect(translator("nl")("error.noEmployer")).toContain("Vraag je netwerkcoördinator");
    expect(translator("nl", "coordinator")("error.noEmployer")).toContain("profiel Hengelo");
    // Messages without a coordinator variant read the same for both.
    expect(translator("nl", "coordinator")("field.required")).toBe(translator("nl")("field.required"));
  });

  it("tells a coordinator whose data an export of someone else holds", () => {
    expect(translator("nl")("members.export.other", { name: "Henk Smit", format: "CSV" })).toBe("Hier zijn alle gegevens die ik over Henk Smit bewaar, als CSV-bestand.");
    expect(translator("en")("members.export.other", { name: "Henk Smit", format: "Excel" })).toBe("Here is all the data I keep about Henk Smit (Excel file).");
  });

  it("points the demo's sign-in page at the playground, not at Slack or Teams", () => {
    const t = translator("nl");
    const demo = [signInRequiredPage(t, "nl", true), signInPage(t, "nl", { adminLogin: false, playground: true })];
    for (const page of demo) {
      expect(page).not.toContain("Slack of Teams");
      expect(page).toContain("/playground");
    }
    expect(signInRequiredPage(t, "nl")).toContain("Typ dashboard in Slack of Teams");
  });
});
