import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

// Real headless Chromium (Debian's package, or CHROMIUM_PATH) for the browser tests.
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Where the browser tests leave their screenshots. */
export const artifacts = "test-results";

/** A desktop and a phone (an iPhone 12 to 15 is 390 px wide). */
export const viewports = { desktop: { width: 1280, height: 1000 }, phone: { width: 390, height: 844 } } as const;

export function launchBrowser(): Promise<Browser> {
  mkdirSync(artifacts, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs });
}

/** A browser with one Dutch page of a desktop's size. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: viewports.desktop, locale: "nl-NL" });
  return { browser, page };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's findings on the page as it is now: WCAG 2.2 A/AA and the best-practice rules (one
 * h1, landmarks, no empty table headers). The page's context needs bypassCSP: the dashboard's
 * Content-Security-Policy refuses scripts it did not serve itself, axe included.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  // Runs in the page (a string: the test project has no DOM types).
  const run = `axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(AXE_TAGS)} } }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`;
  return (await page.evaluate(run)) as AxeViolation[];
}

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/** How far the page is wider than the window: 0 when nothing scrolls sideways. */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") as Promise<number>;
}
