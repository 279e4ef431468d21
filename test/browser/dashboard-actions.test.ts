import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { respondToEvent } from "../../src/core/events/index.js";
import { translator } from "../../src/i18n/index.js";
import { artifacts, axeViolations, launchBrowser, sidewaysOverflow, viewports } from "../support/browser.js";
import { createTestDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";
import { startTestApp } from "../support/test-app.js";

// Real headless Chromium (Debian's package) against the real app (demo mode: the playground too)
// on a fresh PGlite database, at a desktop's and a phone's width.
const nl = translator("nl");
const adminToken = "admin-token-for-the-axe-test";

describe("dashboard: coordinator actions, health and audit log, on a desktop and a phone, without axe-core violations", () => {
  let app: RunningApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let browser: Browser;
  let actor: Awaited<ReturnType<typeof seedDemo>>["actor"];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    ({ actor } = await seedDemo(database.db));
    app = await startTestApp(database.db, { ADMIN_TOKEN: adminToken });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  /** A coordinator's signed-in page of that size, through the link the bot sends in chat. bypassCSP lets axe-core in. */
  async function coordinatorPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: "nl-NL", bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    const { token } = await createSignInLink(depsFor(database.db), await actor("coordinator"));
    await page.goto(`${app.url}/dashboard/login?token=${token}`);
    await page.getByRole("button", { name: nl("dashboard.signIn.button") }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    return page;
  }

  it("creates an event, cancels it after the confirmation, and finds both in the audit log", async () => {
    const page = await coordinatorPage(viewports.desktop);
    await page.locator("nav.manage").getByRole("link", { name: nl("dashboard.actions.events.title") }).click();
    await page.getByRole("link", { name: nl("events.form.newTitle") }).click();

    await page.getByLabel(nl("events.form.title")).fill("Kenniskring jobcarving");
    await page.getByLabel(nl("events.form.kind")).selectOption("KENNISKRING");
    await page.getByLabel(nl("events.form.location")).fill("Hengelo Logistiek BV, Hengelo");
    await page.getByLabel(nl("events.form.startsAt")).fill("15-12-2026 15:00");
    await page.getByLabel(nl("events.form.endsAt")).fill("15-12-2026 13:00");
    await page.getByRole("button", { name: nl("events.form.submit") }).click();
    // The end before the start: the message stands under the end, and what was typed is kept.
    await expect.poll(() => page.locator('[data-error-for="endsAt"]').textContent()).toBe(nl("field.events.endBeforeStart"));
    expect(await page.getByLabel(nl("events.form.title")).inputValue()).toBe("Kenniskring jobcarving");
    expect(await database.db.prisma.event.count({ where: { title: "Kenniskring jobcarving" } })).toBe(0);

    await page.getByLabel(nl("events.form.endsAt")).fill("15-12-2026 17:00");
    await page.getByRole("button", { name: nl("events.form.submit") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.events.done.created") }).waitFor();
    const event = await database.db.prisma.event.findFirstOrThrow({ where: { title: "Kenniskring jobcarving" }, select: { number: true, status: true, startsAt: true, kind: true } });
    expect(event).toEqual({ number: 3, status: "SCHEDULED", startsAt: new Date("2026-12-15T14:00:00Z"), kind: "KENNISKRING" });
    expect(await page.locator("h1").textContent()).toBe("#3 Kenniskring jobcarving");

    await page.getByRole("link", { name: nl("dashboard.actions.events.cancelButton") }).click();
    await page.locator("h1", { hasText: nl("dashboard.actions.events.cancelConfirm", { number: 3, title: "Kenniskring jobcarving" }) }).waitFor();
    expect(await page.locator("#impact").textContent()).toBe(nl("dashboard.actions.events.cancelImpact", { count: 0 }));
    // Only asking: nothing is cancelled yet.
    expect((await database.db.prisma.event.findFirstOrThrow({ where: { number: 3 } })).status).toBe("SCHEDULED");
    await page.screenshot({ path: `${artifacts}/dashboard-event-cancel-confirm.png`, fullPage: true });
    await page.getByRole("button", { name: nl("dashboard.actions.events.cancelButton") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.events.done.cancelled") }).waitFor();
    expect((await database.db.prisma.event.findFirstOrThrow({ where: { number: 3 } })).status).toBe("CANCELLED");
    expect(await page.locator('#event-list tr[data-event="3"]').count()).toBe(0);

    await page.locator("nav.manage").getByRole("link", { name: nl("dashboard.audit.title") }).click();
    const rows = page.locator("#audit-log tbody tr");
    // Newest first: the cancellation, then the creation, both by the coordinator about event #3.
    expect(await rows.nth(0).getAttribute("data-action")).toBe("event.cancel");
    expect(await rows.nth(1).getAttribute("data-action")).toBe("event.create");
    for (const i of [0, 1]) {
      const cells = await rows.nth(i).locator("td").allTextContents();
      expect(cells.slice(1, 4)).toEqual(["Sanne Coördinator", nl(i === 0 ? "dashboard.audit.action.event.cancel" : "dashboard.audit.action.event.create"), "#3 Kenniskring jobcarving"]);
    }
    await page.screenshot({ path: `${artifacts}/dashboard-audit.png`, fullPage: true });
  }, 120_000);

  it("takes an attendee off an event after the confirmation; the free place goes to the first in line", async () => {
    const deps = depsFor(database.db);
    await database.db.prisma.event.update({ where: { networkId_number: { networkId: (await actor("coordinator")).networkId, number: 1 } }, data: { capacity: 1 } });
    expect((await respondToEvent(deps, await actor("bakeryHr"), { number: 1, response: "ja" })).ok).toBe(true);
    expect((await respondToEvent(deps, await actor("logisticsHr"), { number: 1, response: "ja" })).ok).toBe(true);

    const page = await coordinatorPage(viewports.phone);
    await page.goto(`${app.url}/dashboard/manage/events/1`);
    const joost = await database.db.prisma.person.findFirstOrThrow({ where: { name: "Joost Bakker" }, select: { id: true } });
    await page.locator(`table[data-group="attending"] tr[data-person="${joost.id}"]`).getByRole("link", { name: nl("dashboard.actions.events.remove") }).click();
    expect(await page.locator("#impact").textContent()).toBe(nl("dashboard.actions.events.removeImpactPromote"));
    expect(await database.db.prisma.rsvp.count({ where: { personId: joost.id, response: "YES" } })).toBe(1);
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.screenshot({ path: `${artifacts}/dashboard-remove-attendee-390.png`, fullPage: true });
    await page.getByRole("button", { name: nl("dashboard.actions.events.remove") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.events.done.removed") }).waitFor();

    expect(await page.locator('table[data-group="attending"] td').first().textContent()).toBe("Mo Yilmaz");
    expect(await database.db.prisma.rsvp.findFirstOrThrow({ where: { personId: joost.id }, select: { response: true } })).toEqual({ response: "NO" });
  }, 120_000);

  it("pauses and resumes the campaign and sends a reminder round from the dashboard", async () => {
    const page = await coordinatorPage(viewports.desktop);
    await page.goto(`${app.url}/dashboard/manage/campaign`);
    await page.getByRole("button", { name: nl("dashboard.actions.campaign.pause") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.campaign.done.paused") }).waitFor();
    expect(await database.db.prisma.network.findFirstOrThrow({ select: { campaignsPaused: true } })).toEqual({ campaignsPaused: true });
    await page.getByRole("button", { name: nl("dashboard.actions.campaign.resume") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.campaign.done.resumed") }).waitFor();
    expect(await database.db.prisma.network.findFirstOrThrow({ select: { campaignsPaused: true } })).toEqual({ campaignsPaused: false });

    const before = await database.db.prisma.outboxMessage.count({ where: { kind: "campaign.reminder" } });
    await page.getByRole("button", { name: nl("campaigns.preview.trigger") }).click();
    await page.locator(".notice", { hasText: nl("dashboard.actions.campaign.done.sent") }).waitFor();
    expect(await database.db.prisma.outboxMessage.count({ where: { kind: "campaign.reminder" } })).toBeGreaterThan(before);
    const actions = await database.db.prisma.auditLog.findMany({ where: { action: { startsWith: "campaign." } }, orderBy: { at: "asc" }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(["campaign.pause", "campaign.resume", "campaign.trigger"]);
  }, 120_000);

  // Every page a coordinator can reach, including the confirmations; filled in once the flows above made data.
  const dashboardPaths = async () => {
    const employer = await database.db.prisma.employer.findFirstOrThrow({ where: { name: "Zorggroep Dinkel" }, select: { id: true } });
    const person = await database.db.prisma.person.findFirstOrThrow({ where: { name: "Mo Yilmaz" }, select: { id: true } });
    return [
      "/dashboard",
      "/dashboard/health",
      "/dashboard/audit",
      "/dashboard/manage/events",
      "/dashboard/manage/events/new",
      "/dashboard/manage/events/1",
      "/dashboard/manage/events/1/cancel",
      `/dashboard/manage/events/1/attendees/${person.id}/remove`,
      "/dashboard/manage/events/3",
      "/dashboard/manage/campaign",
      "/dashboard/manage/employers",
      "/dashboard/manage/employers/new",
      `/dashboard/manage/employers/${employer.id}`,
      `/dashboard/manage/employers/${employer.id}/archive`,
      "/dashboard/manage/people",
      "/dashboard/manage/people/new",
      `/dashboard/manage/people/${person.id}`,
      `/dashboard/manage/people/${person.id}/remove`,
      "/dashboard/manage/condition",
      "/dashboard/members/import",
      `/dashboard/employers/${employer.id}`,
      "/dashboard/public",
      "/dashboard/no-such-page",
    ];
  };

  for (const [name, viewport] of Object.entries(viewports)) {
    it(`every dashboard page at ${viewport.width} px: zero axe-core violations, nothing to scroll sideways`, async () => {
      const page = await coordinatorPage(viewport);
      const findings: Array<{ path: string; violations: unknown[]; overflow: number }> = [];
      for (const path of await dashboardPaths()) {
        await page.goto(`${app.url}${path}`);
        findings.push({ path, violations: await axeViolations(page), overflow: await sidewaysOverflow(page) });
        await page.screenshot({ path: `${artifacts}/dashboard-${name}-${path.replace(/c[a-z0-9]{24}/g, "id").replace(/[^a-z0-9]+/gi, "_").replace(/^_|_$/g, "") || "overview"}.png`, fullPage: true });
      }
      expect(findings.filter((f) => f.violations.length > 0 || f.overflow > 0)).toEqual([]);
    }, 300_000);

    it(`the playground and the sign-in page at ${viewport.width} px: zero axe-core violations, nothing to scroll sideways`, async () => {
      const context = await browser.newContext({ viewport, locale: "nl-NL", bypassCSP: true });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(app.url);
      await page.selectOption("#person", { label: "Sanne Coördinator — coördinator" });
      await page.fill("#text", "agenda");
      await page.press("#text", "Enter");
      await page.locator('#log button[data-action="event.rsvp"]').first().waitFor();
      const playground = { violations: await axeViolations(page), overflow: await sidewaysOverflow(page) };
      await page.screenshot({ path: `${artifacts}/playground-${name}.png`, fullPage: true });

      await page.goto(`${app.url}/dashboard/login`);
      // A password manager can save and fill the admin token: a username beside it, and the right autocomplete words.
      expect(await page.locator('form.admin input[autocomplete="username"]').count()).toBe(1);
      expect(await page.locator('form.admin input[type="password"]').getAttribute("autocomplete")).toBe("current-password");
      const signIn = { violations: await axeViolations(page), overflow: await sidewaysOverflow(page) };
      await page.screenshot({ path: `${artifacts}/dashboard-sign-in-${name}.png`, fullPage: true });
      expect({ playground, signIn }).toEqual({ playground: { violations: [], overflow: 0 }, signIn: { violations: [], overflow: 0 } });
    }, 120_000);
  }
});
