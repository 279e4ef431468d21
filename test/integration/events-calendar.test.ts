import ICAL from "ical.js";
import { expect, it } from "vitest";
import { cancelEvent, eventCalendar, updateEvent } from "../../src/core/events/index.js";
import { describeEachDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

/** RFC 5546 §3.2.1 (PUBLISH) and §3.2.5 (CANCEL): the VEVENT properties that must be there once. */
const REQUIRED_ONCE = ["dtstamp", "dtstart", "organizer", "summary", "uid"];

/** ical.js's parser throws a ParserError on any malformed content line; it is our strict reader. */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return { calendar, event };
}

function physicalLines(ics: string): string[] {
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  return ics.split("\r\n").slice(0, -1);
}

describeEachDatabase("events: the .ics file passes an iCalendar parser and RFC 5545/5546", (use) => {
  async function setUp() {
    const db = use();
    const { actor } = await seedDemo(db);
    const sanne = await actor("coordinator");
    const joost = await actor("bakeryHr");
    return { db, deps: depsFor(db), sanne, joost };
  }

  it("names an ORGANIZER, escapes the comma in X-WR-CALNAME and folds every line at 75 octets, never inside a character", async () => {
    const { deps, sanne, joost } = await setUp();
    const title = "Praktijktafel: één gesprek over ‘inclusief ondernemen’ in Hengelo, Enschedé en Almelo";
    const description = "Wij bespreken coöperatie, reïntegratie en één gezamenlijke aanpak. ".repeat(6).trim();
    expect(await updateEvent(deps, sanne, { number: 1, title, description })).toMatchObject({ ok: true });

    const file = await eventCalendar(deps, joost, { number: 1 });
    if (!file.ok) throw new Error(JSON.stringify(file.error));
    const ics = file.value.content;

    const lines = physicalLines(ics);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
    expect(lines.some((line) => /[^\x00-\x7f]/.test(line) && line.startsWith(" ")), "a folded line with ë/ó").toBe(true);
    expect(ics).not.toContain("\uFFFD");

    const { calendar, event } = parse(ics);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    for (const name of REQUIRED_ONCE) expect(event.getAllProperties(name), name).toHaveLength(1);
    expect(event.getFirstPropertyValue("summary")).toBe(title);
    expect(event.getFirstPropertyValue("description")).toContain(description);
    const organizer = event.getFirstProperty("organizer")!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe("mailto:sanne.coordinator@example.nl");
    expect(organizer.getParameter("cn")).toBe("Sanne Coördinator");
    // X- properties are kept raw by parsers, so the escape is checked on the line itself.
    expect(ics.replace(/\r\n /g, "")).toContain("X-WR-CALNAME:99vanDemo (Twente\\, fictief)\r\n");
  });

  it("writes a cancelled event as METHOD:CANCEL with the same UID and a raised SEQUENCE", async () => {
    const { deps, sanne, joost } = await setUp();
    const before = await eventCalendar(deps, joost, { number: 1 });
    if (!before.ok) throw new Error("no calendar");
    const published = parse(before.value.content).event;

    expect(await cancelEvent(deps, sanne, { number: 1 })).toMatchObject({ ok: true });
    const after = await eventCalendar(deps, joost, { number: 1 });
    if (!after.ok) throw new Error("no calendar");
    const { calendar, event } = parse(after.value.content);

    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    for (const name of REQUIRED_ONCE) expect(event.getAllProperties(name), name).toHaveLength(1);
    expect(event.getFirstPropertyValue("uid")).toBe(published.getFirstPropertyValue("uid"));
    expect(Number(event.getFirstPropertyValue("sequence"))).toBeGreaterThan(Number(published.getFirstPropertyValue("sequence")));
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("falls back to a coordinator of the network when the creator is gone", async () => {
    const { db, deps, sanne, joost } = await setUp();
    await db.prisma.event.updateMany({ where: { networkId: sanne.networkId, number: 1 }, data: { createdById: null } });
    const file = await eventCalendar(deps, joost, { number: 1 });
    if (!file.ok) throw new Error("no calendar");
    const organizer = parse(file.value.content).event.getFirstProperty("organizer")!;
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe("mailto:sanne.coordinator@example.nl");
  });
});
