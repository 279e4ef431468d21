import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import type { Actor } from "../../src/core/actor.js";
import { inviteGuest } from "../../src/core/events/index.js";
import { issueReportLink, issueRsvpLinks, revokeLinks } from "../../src/core/links/index.js";
import { translator } from "../../src/i18n/index.js";
import { artifacts, openBrowser } from "../support/browser.js";
import { createTestDatabase } from "../support/databases.js";
import { depsFor, fixedNow, seedDemo, snapshotCounts } from "../support/fixtures.js";
import { startTestApp } from "../support/test-app.js";

// Real headless Chromium (Debian's package) at a phone's width against the real app on PGlite.
const nl = translator("nl");
const en = translator("en");
const Q4 = { year: 2026, quarter: 4 };
const PHONE = { width: 390, height: 844 };

describe("personal links in a browser: the report form and the RSVP page, on a phone", () => {
  let app: RunningApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let browser: Browser;
  let phone: BrowserContext;
  let people: Record<"sanne" | "joost" | "alex", Actor>;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const { actor } = await seedDemo(database.db);
    people = { sanne: await actor("coordinator"), joost: await actor("bakeryHr"), alex: await actor("englishSpeaker") };
    app = await startTestApp(database.db);
    ({ browser } = await openBrowser());
    phone = await browser.newContext({ viewport: PHONE, locale: "nl-NL", isMobile: true, hasTouch: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  const deps = () => depsFor(database.db);
  const report = () => database.db.prisma.placementReport.findFirst({ where: { employer: { name: "Bakkerij De Korenschoof" }, period: Q4 }, include: { employer: true } });
  async function reportLink(personId = people.joost.personId) {
    const issued = await issueReportLink(deps(), { personId, ...Q4 });
    if (!issued.ok) throw new Error(JSON.stringify(issued.error));
    return { token: issued.value.token, url: `${app.url}${issued.value.path}` };
  }
  async function fitsThePhone(page: Page) {
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(PHONE.width);
  }

  it("reports through the link: the form fits the phone, saves, and shows the figure and who gave it", async () => {
    const page = await phone.newPage();
    const { url } = await reportLink();
    await page.goto(url);
    await page.getByRole("heading", { name: nl("links.report.title", { quarter: "Q4 2026" }) }).waitFor();
    expect(await page.locator("#current-figure").textContent()).toBe(nl("links.report.none", { quarter: "Q4 2026" }));
    await fitsThePhone(page);
    await page.getByLabel(nl("links.report.realised")).fill("5");
    await page.getByLabel(nl("links.report.ambition")).fill("13");
    await page.screenshot({ path: `${artifacts}/link-report-phone.png`, fullPage: true });
    await page.getByRole("button", { name: nl("links.report.send") }).click();
    await page.locator("#link-done").waitFor();
    expect(await page.locator("#link-done").textContent()).toBe(nl("links.report.saved", { employer: "Bakkerij De Korenschoof", realised: 5, ambition: 13, quarter: "Q4 2026" }));
    expect(await page.locator("#current-figure").textContent()).toContain("Joost Bakker");
    // A report holds counts only; the ambition given with it (13, the demo had 12) is the employer's.
    expect(await report()).toMatchObject({ realised: 5, version: 1, submittedVia: "WEB", employer: { ambition: 13 } });
    await fitsThePhone(page);
    await page.close();
  });

  it("shows a refused remark next to its field and stores nothing", async () => {
    const page = await phone.newPage();
    const { url } = await reportLink();
    await page.goto(url);
    const before = await snapshotCounts(database.db);
    await page.getByLabel(nl("links.report.realised")).fill("6");
    await page.getByLabel(nl("links.report.remark")).fill("autisme en begeleiding");
    await page.getByRole("button", { name: nl("links.report.send") }).click();
    const error = page.locator('[data-error-for="remark"]');
    await error.waitFor();
    expect(await error.textContent()).toBe(nl("reporting.remark.health", { word: "autisme" }));
    expect(await page.getByLabel(nl("links.report.remark")).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel(nl("links.report.realised")).inputValue()).toBe("6");
    expect(await snapshotCounts(database.db)).toEqual(before);
    await page.close();
  });

  it("a reused form (sent from a second tab opened before) is refused in Dutch; a fresh one corrects", async () => {
    const { url } = await reportLink();
    const first = await phone.newPage();
    const second = await phone.newPage();
    await first.goto(url);
    await second.goto(url);
    await first.getByLabel(nl("links.report.realised")).fill("7");
    await first.getByRole("button", { name: nl("links.report.send") }).click();
    await first.locator("#link-done").waitFor();
    expect(await report()).toMatchObject({ realised: 7, version: 2 });

    const before = await snapshotCounts(database.db);
    await second.getByLabel(nl("links.report.realised")).fill("70");
    await second.getByRole("button", { name: nl("links.report.send") }).click();
    await second.locator("#link-refused").waitFor();
    expect(await second.locator("#link-refused").textContent()).toBe(nl("links.alreadySent"));
    expect(await snapshotCounts(database.db)).toEqual(before);
    expect(await report()).toMatchObject({ realised: 7, version: 2 });
    await second.screenshot({ path: `${artifacts}/link-report-reused.png`, fullPage: true });

    // The page it answered with is a fresh form: sending that is a correction.
    await second.getByLabel(nl("links.report.realised")).fill("8");
    await second.getByRole("button", { name: nl("links.report.send") }).click();
    await second.locator("#link-done").waitFor();
    expect(await second.locator("#link-done").textContent()).toContain("versie 3");
    expect(await report()).toMatchObject({ realised: 8, version: 3 });
    await first.close();
    await second.close();
  });

  it("tampered, expired and revoked links are answered in Dutch and store nothing, also when the form was already open", async () => {
    const page = await phone.newPage();
    const before = await snapshotCounts(database.db);
    const { token, url } = await reportLink();
    const changed = `${token.slice(0, 5)}${token[5] === "x" ? "y" : "x"}${token.slice(6)}`;
    for (const [address, key, status] of [
      [`${app.url}/link/${changed}`, "links.invalid", 404],
      [`${app.url}/link/${token.slice(0, 30)}`, "links.invalid", 404],
    ] as const) {
      const response = await page.goto(address);
      expect(response?.status()).toBe(status);
      expect(await page.locator("#link-problem").textContent()).toBe(nl(key));
      expect(await page.getAttribute("html", "lang")).toBe("nl");
    }
    await page.screenshot({ path: `${artifacts}/link-tampered.png`, fullPage: true });

    // Revoked while the form was open: the send is refused.
    await page.goto(url);
    await page.getByLabel(nl("links.report.realised")).fill("99");
    await revokeLinks(deps(), { token });
    await page.getByRole("button", { name: nl("links.report.send") }).click();
    await page.locator("#link-problem").waitFor();
    expect(await page.locator("#link-problem").textContent()).toBe(nl("links.revoked"));
    expect((await page.goto(url))?.status()).toBe(410);

    const expiring = await reportLink();
    await database.db.prisma.personalLink.updateMany({ where: { revokedAt: null, personId: people.joost.personId }, data: { expiresAt: new Date(fixedNow.getTime() - 1) } });
    const response = await page.goto(expiring.url);
    expect(response?.status()).toBe(410);
    expect(await page.locator("#link-problem").textContent()).toBe(nl("links.expired"));
    await fitsThePhone(page);
    await page.screenshot({ path: `${artifacts}/link-expired.png`, fullPage: true });

    expect(await snapshotCounts(database.db)).toEqual(before);
    expect(await report()).toMatchObject({ realised: 8, version: 3 });
    await page.close();
  });

  it("RSVP: the Ja/Misschien/Nee link opens a confirmation, one press stores it, the same form twice is refused", async () => {
    const page = await phone.newPage();
    const event = await database.db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    const links = await issueRsvpLinks(deps(), { eventId: event.id, personId: people.joost.personId });
    if (!links.ok) throw new Error("no links");
    const rsvp = () => database.db.prisma.rsvp.findFirst({ where: { eventId: event.id, personId: people.joost.personId } });
    const before = await rsvp();

    // Opening the link (as a mail scanner would) stores nothing.
    await page.goto(`${app.url}${links.value.answers.misschien}`);
    await page.getByRole("heading", { name: nl("links.rsvp.title", { title: event.title }) }).waitFor();
    expect(await page.getByText(nl("links.rsvp.chosen", { answer: nl("links.answer.MAYBE") })).count()).toBe(1);
    expect(await rsvp()).toEqual(before);
    await fitsThePhone(page);
    await page.screenshot({ path: `${artifacts}/link-rsvp-phone.png`, fullPage: true });

    await page.getByRole("button", { name: nl("links.rsvp.maybe") }).click();
    await page.locator("#link-done").waitFor();
    expect(await page.locator("#link-done").textContent()).toBe(nl("links.rsvp.saved.MAYBE", { title: event.title }));
    expect(await rsvp()).toMatchObject({ response: "MAYBE" });

    // The browser's reload sends the same form again: refused, nothing changes.
    const history = await database.db.prisma.rsvpHistory.count();
    const again = page.waitForResponse((r) => r.request().method() === "POST");
    await page.reload();
    expect((await again).status()).toBe(409);
    expect(await page.locator("#link-refused").textContent()).toBe(nl("links.alreadySent"));
    expect(await database.db.prisma.rsvpHistory.count()).toBe(history);

    // A new answer from the fresh page changes it.
    await page.getByRole("button", { name: nl("links.rsvp.yes") }).click();
    await page.locator("#link-done").waitFor();
    expect(await rsvp()).toMatchObject({ response: "YES" });
    expect(await page.locator("#current-answer").textContent()).toBe(nl("links.rsvp.current", { answer: nl("links.answer.YES") }));
    await page.close();
  });

  it("an English-speaking member gets the page in English; an external guest answers through their link and takes a seat", async () => {
    const page = await phone.newPage();
    const event = await database.db.prisma.event.findFirstOrThrow({ where: { number: 1 } });
    const alexLinks = await issueRsvpLinks(deps(), { eventId: event.id, personId: people.alex.personId });
    if (!alexLinks.ok) throw new Error("no links");
    await page.goto(`${app.url}${alexLinks.value.answers.nee}`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: en("links.rsvp.no") }).click();
    await page.locator("#link-done").waitFor();
    expect(await page.locator("#link-done").textContent()).toBe(en("links.rsvp.saved.NO", { title: event.title }));

    const guest = await inviteGuest(deps(), people.sanne, { number: 1, email: "wethouder@gemeente.example", name: "Wethouder Werk" });
    if (!guest.ok) throw new Error("not invited");
    const guestLinks = await issueRsvpLinks(deps(), { eventId: event.id, guestId: guest.value.guestId });
    if (!guestLinks.ok) throw new Error("no links");
    await page.goto(`${app.url}${guestLinks.value.answers.ja}`);
    await page.getByRole("button", { name: nl("links.rsvp.yes") }).click();
    await page.locator("#link-done").waitFor();
    expect(await database.db.prisma.eventGuest.findUniqueOrThrow({ where: { id: guest.value.guestId } })).toMatchObject({ response: "YES", waitlisted: false });
    await page.close();
  });

  it("a form sent from another site is refused before it reaches the link", async () => {
    const { token } = await reportLink();
    const response = await fetch(`${app.url}/link/${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: "send=0&realised=1&ambition=1",
    });
    expect(response.status).toBe(403);
    expect(await report()).toMatchObject({ realised: 8, version: 3 });
  });
});
