import { mkdirSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

// Real headless Chromium (Debian's package, or CHROMIUM_PATH) for the browser tests.
const chromiumArgs = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Where the browser tests leave their screenshots. */
export const artifacts = "test-results";

/** A browser with one Dutch page of a desktop's size. */
export async function openBrowser(): Promise<{ browser: Browser; page: Page }> {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "nl-NL" });
  return { browser, page };
}
