import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app.js";
import { chatContext } from "../../src/chat/context.js";
import { handleText } from "../../src/chat/conversation.js";
import { artifacts, openBrowser } from "../support/browser.js";
import { createTestDatabase } from "../support/databases.js";
import { seedDemo, snapshotCounts } from "../support/fixtures.js";
import { csvOf, DUTCH_HEADER, memberRows, xlsxOf } from "../support/member-sheets.js";
import { startTestApp } from "../support/test-app.js";

// Real headless Chromium (Debian's package) against the real app: a coordinator uploads the
// member list, reads the preview and applies it, as they would in their own browser.

describe("member-list import in a browser", () => {
  let app: RunningApp;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    app = await startTestApp(database.db, { DEMO: "on" });
    ({ browser, page } = await openBrowser());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
  });

  async function signInAsCoordinator() {
    const { actor } = await seedDemo(database.db);
    const effects = await handleText(chatContext(app.chat, await actor("coordinator"), "WEB"), "dashboard");
    const reply = effects.find((e) => e.type === "reply");
    const link = reply?.type === "reply" ? reply.message.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])).find((b) => b.url)?.url : undefined;
    const url = new URL(link!, app.url);
    await page.goto(`${app.url}${url.pathname}${url.search}`);
    await page.getByRole("button", { name: "Dashboard openen" }).click();
    await page.waitForURL(`${app.url}/dashboard`);
  }

  const upload = async (name: string, mimeType: string, buffer: Uint8Array) => {
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name, mimeType, buffer: Buffer.from(buffer) });
    await page.getByRole("button", { name: "Voorstel bekijken" }).click();
    await page.locator("#verdict").waitFor();
  };

  it("a coordinator uploads the list, sees the preview, and applies it", async () => {
    await signInAsCoordinator();
    await page.getByRole("link", { name: "Ledenlijst importeren of exporteren (Excel)" }).click();
    await page.getByRole("heading", { name: "Ledenlijst importeren" }).waitFor();

    const before = await snapshotCounts(database.db);
    await upload("leden.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", await xlsxOf(memberRows(4, 9)));
    expect(await page.locator("#verdict").textContent()).toBe("Geen fouten gevonden: de import kan worden toegepast.");
    expect(await page.locator("#plan-employersAdd h2").textContent()).toBe("Nieuwe werkgevers (4)");
    expect(await page.locator("#plan-peopleAdd li").count()).toBe(9);
    expect(await page.locator("#plan-peopleMissing h2").textContent()).toMatch(/^Personen niet in het bestand \(8\)/);
    await page.screenshot({ path: `${artifacts}/member-import-preview.png`, fullPage: true });
    expect(await snapshotCounts(database.db)).toEqual(before);

    await page.getByRole("button", { name: "Toepassen" }).click();
    await page.locator("#result").waitFor();
    expect(await page.locator("#result").textContent()).toBe("Ingelezen: 4 werkgevers toegevoegd en 0 bijgewerkt, 9 personen toegevoegd en 0 bijgewerkt.");
    expect(await database.db.prisma.person.count()).toBe(before.people + 9);
    await page.screenshot({ path: `${artifacts}/member-import-done.png`, fullPage: true });

    // The same list again, now as CSV: nothing to apply.
    await page.getByRole("link", { name: "Een ander bestand inlezen" }).click();
    await upload("leden.csv", "text/csv", csvOf(memberRows(4, 9)));
    expect(await page.locator("#verdict").textContent()).toBe("Het bestand komt overeen met de ledenlijst: er verandert niets.");
    expect(await page.getByRole("button", { name: "Toepassen" }).count()).toBe(0);
  });

  it("a file with bad rows shows each row's problem and no Apply button", async () => {
    await signInAsCoordinator();
    await page.goto(`${app.url}/dashboard/members/import`);
    await upload("leden.csv", "text/csv", csvOf([DUTCH_HEADER, ["Nieuw BV", "Zorg", "reuze", "Delden", "Twente", "", "", "Kees", "kees@nieuw.example", "", "", ""], ["Nieuw BV", "Zorg", "klein", "Delden", "Twente", "", "", "Karin", "karin@", "", "", ""]]));
    const rows = await page.locator("#plan-badRows li").allTextContents();
    expect(rows).toEqual([
      'rij 2: omvang: Omvang "reuze" ken ik niet. Gebruik micro, klein, middel, groot of zeer groot, of het aantal medewerkers.',
      'rij 3: e-mail: "karin@" is geen geldig e-mailadres.',
    ]);
    expect(await page.getByRole("button", { name: "Toepassen" }).count()).toBe(0);
    await page.screenshot({ path: `${artifacts}/member-import-bad-rows.png`, fullPage: true });
  });
});
