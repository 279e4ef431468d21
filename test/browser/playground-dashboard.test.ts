import { startTestApp } from "../support/test-app.js";
import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { demoNetwork } from "../../src/demo/demo-data.js";
import { webSender } from "../../src/delivery/web-inbox.js";
import { OutboxWorker } from "../../src/delivery/worker.js";
import { createTestDatabase } from "../support/databases.js";
import { fixedNow } from "../support/fixtures.js";

// Real headless Chromium (Debian's package) against the real app on a fresh PGlite database.
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const artifacts = "test-results";
const adminToken = "admin-token-for-the-browser-test";

describe("playground and dashboard in a browser", () => {
  let app: RunningApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    database = await createTestDatabase("pglite");
    app = await startTestApp(database.db, { DEMO: "on", DEMO_DATA: "on", ADMIN_TOKEN: adminToken });
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "nl-NL" });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  const say = async (text: string) => {
    await page.fill("#text", text);
    await page.press("#text", "Enter");
  };

  it("a demo employer reports a quarter through the form and RSVPs to an event", async () => {
    await page.goto(app.url);
    await page.selectOption("#person", { label: "Joost Bakker — Bakkerij De Korenschoof" });

    await say("rapporteer");
    const form = page.locator('form[data-form-id="report"]');
    await form.waitFor();
    await form.locator('[name="realised"]').fill("");
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[data-error-for="realised"]').textContent()).toBe("Vul dit veld in.");

    await form.locator('[name="realised"]').fill("5");
    await form.locator('[name="ambition"]').fill("12");
    await form.locator('button[type="submit"]').click();
    await page.getByText("Bedankt! Je rapportage voor Q4 2026 is opgeslagen: 5 plaatsingen, ambitie 12.").waitFor();
    expect(await form.count()).toBe(0);

    await say("events");
    const yes = page.locator('#log button[data-action="event.rsvp"]', { hasText: "Ja, ik kom" }).first();
    await yes.waitFor();
    await yes.click();
    await expect.poll(async () => database.db.prisma.rsvp.count({ where: { response: "YES", event: { number: 1 } } })).toBe(1);
    await page.screenshot({ path: `${artifacts}/playground.png`, fullPage: true });

    const report = await database.db.prisma.placementReport.findFirstOrThrow({ where: { period: { year: 2026, quarter: 4 } }, select: { realised: true, submittedVia: true } });
    expect(report).toEqual({ realised: 5, submittedVia: "WEB" });
  });

  it("the coordinator signs in with the link from the bot and sees the new numbers and the RSVP", async () => {
    await page.selectOption("#person", { label: "Sanne Coördinator — coördinator" });
    await say("dashboard");
    const link = page.locator("#log a.button", { hasText: "Dashboard openen" });
    await link.waitFor();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/\/dashboard\/login\?token=/);

    await page.goto(href!);
    await page.getByRole("button", { name: "Dashboard openen" }).click();
    await page.waitForURL(`${app.url}/dashboard`);

    const figure = (name: string) => page.locator(`[data-figure="${name}"] dd`).textContent();
    expect(await figure("reported")).toBe("1 / 6");
    expect(await figure("realised")).toBe("5");
    // The ambition of all six employers beside a response of one in six (issue 12).
    expect(await figure("ambition")).toBe("165");
    expect(await page.locator('tr[data-event="1"] td.yes').textContent()).toBe("1");
    expect(await page.locator("#missing").textContent()).not.toContain("Bakkerij De Korenschoof");
    const chartWidth = await page.locator("img.chart").evaluate((img) => {
      // Runs in the browser; the test project has no DOM types.
      const image = img as unknown as { complete: boolean; naturalWidth: number };
      return image.complete ? image.naturalWidth : 0;
    });
    expect(chartWidth).toBe(720);
    await page.screenshot({ path: `${artifacts}/dashboard.png`, fullPage: true });
  });

  it("a reminder the coordinator sends arrives in a member's inbox, and its button opens the form", async () => {
    await page.goto(app.url);
    await page.selectOption("#person", { label: "Sanne Coördinator — coördinator" });
    await say("herinner nu");
    await page.locator("#log .msg.bot").last().waitFor();
    await expect.poll(() => database.db.prisma.outboxMessage.count({ where: { platform: "WEB", kind: "campaign.reminder" } })).toBeGreaterThan(0);
    // Rows become due at the database's clock, which runs ahead of this test's fixed "now".
    await database.db.prisma.outboxMessage.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: fixedNow } });
    // The background worker is off (SCHEDULER=off); one drain is what it would do on its next tick.
    const worker = new OutboxWorker({ db: database.db.prisma, now: () => fixedNow, senders: [webSender] });
    expect(await worker.drain()).toBeGreaterThan(0);

    await page.selectOption("#person", { label: "Mo Yilmaz — Hengelo Logistiek BV" });
    const button = page.locator('#inbox button[data-action="report.open"]').first();
    await button.waitFor();
    await button.click();
    await page.locator('#log form[data-form-id="report"]').waitFor();
    await page.screenshot({ path: `${artifacts}/playground-inbox.png`, fullPage: true });
  });

  it("the self-hoster signs in with the admin token, creates a regional network below the demo network and binds its Slack workspace", async () => {
    await page.goto(`${app.url}/dashboard/login`);
    await page.fill('input[name="adminToken"]', adminToken);
    await page.getByRole("button", { name: "Inloggen als beheerder" }).click();
    await page.waitForURL(`${app.url}/dashboard`);
    await page.getByRole("link", { name: "Netwerken beheren" }).click();
    await page.waitForURL(`${app.url}/dashboard/admin`);

    const create = page.locator("form.create-network");
    await create.locator('[name="slug"]').fill("99van-hengelo");
    await create.locator('[name="name"]').fill("99vanHengelo");
    await create.locator('[name="coordinator"]').fill("Fleur Jansen <fleur@99vanhengelo.nl>");
    await create.locator('[name="parent"]').selectOption(demoNetwork.slug);
    await create.locator('[name="condition"]').selectOption("INTENTIEVERKLARING");
    await create.getByRole("button", { name: "Netwerk maken" }).click();
    await page.locator("#notice", { hasText: "Netwerk 99vanHengelo is gemaakt, met Fleur Jansen <fleur@99vanhengelo.nl> als coördinator." }).waitFor();

    const section = page.locator('section[data-network="99van-hengelo"]');
    expect(await section.locator(".parent").textContent()).toContain("onder");
    await section.locator('form.bind [name="platform"]').selectOption("SLACK");
    await section.locator('form.bind [name="tenantId"]').fill("T0HENGELO1");
    await section.getByRole("button", { name: "Koppelen" }).click();
    await page.locator("#notice", { hasText: "T0HENGELO1 is gekoppeld aan 99vanHengelo." }).waitFor();
    await page.locator('section[data-network="99van-hengelo"] .bindings li[data-tenant="T0HENGELO1"]').waitFor();
    await page.screenshot({ path: `${artifacts}/dashboard-admin.png`, fullPage: true });

    const network = await database.db.prisma.network.findUniqueOrThrow({
      where: { slug: "99van-hengelo" },
      select: { parent: { select: { name: true } }, membershipCondition: true, bindings: { select: { platform: true, tenantId: true } }, people: { select: { email: true, role: true } } },
    });
    expect(network).toEqual({
      parent: { name: demoNetwork.name },
      membershipCondition: "INTENTIEVERKLARING",
      bindings: [{ platform: "SLACK", tenantId: "T0HENGELO1" }],
      people: [{ email: "fleur@99vanhengelo.nl", role: "COORDINATOR" }],
    });
  });
});
