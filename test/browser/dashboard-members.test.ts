import { startTestApp } from "../support/test-app.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { createSignInLink } from "../../src/core/dashboard/sign-in.js";
import { translator } from "../../src/i18n/index.js";
import { artifacts, openBrowser } from "../support/browser.js";
import { createTestDatabase } from "../support/databases.js";
import { depsFor, seedDemo } from "../support/fixtures.js";

// Real headless Chromium (Debian's package) against the real app on a fresh PGlite database.
const nl = translator("nl");

describe("dashboard: a coordinator edits and archives an employer in a browser", () => {
  let app: RunningApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const { actor } = await seedDemo(database.db);
    app = await startTestApp(database.db);
    ({ browser, page } = await openBrowser());
    // The link the bot sends in chat ("dashboard"), opened and redeemed as a person would.
    const { token } = await createSignInLink(depsFor(database.db), await actor("coordinator"));
    await page.goto(`${app.url}/dashboard/login?token=${token}`);
    await page.getByRole("button", { name: nl("dashboard.signIn.button") }).click();
    await page.waitForURL(`${app.url}/dashboard`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  const employer = (name: string) => database.db.prisma.employer.findFirstOrThrow({ where: { name } });

  it("edits an employer: an error appears next to the field, then the change is saved", async () => {
    await page.getByRole("link", { name: nl("dashboard.manage.employers.title") }).first().click();
    await page.locator("#employer-list").getByRole("link", { name: "Metaalwerken Almelo" }).click();
    await page.getByLabel(nl("members.employer.name")).waitFor();

    await page.getByLabel(nl("members.profile.maturity")).fill("9");
    await page.getByLabel(nl("members.profile.location")).fill("Hengelo (Ov)");
    await page.getByRole("button", { name: nl("members.profile.save") }).click();
    const error = page.locator('[data-error-for="inclusionMaturity"]');
    await expect.poll(() => error.textContent()).toBe(nl("field.maturity"));
    // The error belongs to its input, and what was typed elsewhere is kept.
    expect(await page.getByLabel(nl("members.profile.maturity")).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel(nl("members.profile.location")).inputValue()).toBe("Hengelo (Ov)");
    expect((await employer("Metaalwerken Almelo")).location).toBe("Almelo");
    await page.screenshot({ path: `${artifacts}/dashboard-employer-error.png`, fullPage: true });

    await page.getByLabel(nl("members.profile.maturity")).fill("3");
    await page.getByLabel(nl("members.employer.name")).fill("Metaalwerken Almelo-Hengelo");
    await page.getByLabel(nl("directory.offer.KENNIS")).check();
    await page.getByRole("button", { name: nl("members.profile.save") }).click();
    await page.getByText(nl("dashboard.manage.done.saved")).waitFor();

    expect(await employer("Metaalwerken Almelo-Hengelo")).toMatchObject({ location: "Hengelo (Ov)", inclusionMaturity: 3, offers: ["WERKPLEK", "KENNIS"] });
  });

  it("archives it only after the confirmation page, and the overview then leaves it out", async () => {
    await page.getByRole("link", { name: nl("members.employer.button.archive") }).click();
    await page.getByRole("heading", { name: nl("members.employer.archive.confirm", { name: "Metaalwerken Almelo-Hengelo" }) }).waitFor();
    expect(await page.locator("main").textContent()).toContain("De rapportages blijven in de historie");
    await page.screenshot({ path: `${artifacts}/dashboard-employer-archive.png`, fullPage: true });

    // Cancelling goes back and changes nothing.
    await page.getByRole("link", { name: nl("members.erase.button.cancel") }).click();
    await page.getByLabel(nl("members.employer.name")).waitFor();
    expect((await employer("Metaalwerken Almelo-Hengelo")).archivedAt).toBeNull();

    await page.getByRole("link", { name: nl("members.employer.button.archive") }).click();
    await page.getByRole("button", { name: nl("members.employer.archive.button") }).click();
    await page.getByText(nl("dashboard.manage.done.archived")).waitFor();
    expect((await employer("Metaalwerken Almelo-Hengelo")).archivedAt).not.toBeNull();
    expect(await page.locator("#employer-list").textContent()).not.toContain("Metaalwerken");

    await page.goto(`${app.url}/dashboard`);
    expect(await page.locator("#employers").textContent()).not.toContain("Metaalwerken");
    expect(await page.locator('[data-figure="reported"] dd').textContent()).toBe("0 / 5");
  });
});
