/**
 * The browser half of the dashboard benchmark: how long the overview takes
 * to become interactive in headless Chromium, measured as a person would
 * notice it — from starting the navigation until the charts are drawn and a
 * click on a team-table heading re-sorts the table (which needs hydration).
 */
import type { Page } from "playwright-core";
import { launchBrowser, type RunningApp } from "../support/browser";

/** One visit of a page in the browser, in milliseconds from the start of navigation. */
export interface BrowserVisit {
  /** First byte of the document (Navigation Timing responseStart). */
  ttfbMs: number;
  domContentLoadedMs: number;
  loadMs: number;
  /** Charts drawn and the sort button answered a click. */
  interactiveMs: number;
}

async function visit(page: Page, url: string): Promise<BrowserVisit> {
  const started = Date.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => document.querySelectorAll(".recharts-surface").length >= 6, undefined, {
    timeout: 60_000,
  });
  const heading = page.getByRole("columnheader", { name: /Lead time/ });
  await heading.getByRole("button").click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]') !== null, undefined, {
    timeout: 60_000,
  });
  const interactiveMs = Date.now() - started;
  const nav = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return { ttfbMs: n.responseStart, domContentLoadedMs: n.domContentLoadedEventEnd, loadMs: n.loadEventEnd };
  });
  return { ...nav, interactiveMs };
}

/** The overview at `url`, once with an empty browser cache and `warmRuns` times after. */
export async function measureInteractive(
  url: string,
  warmRuns: number,
  app?: RunningApp,
): Promise<{ cold: BrowserVisit; warm: BrowserVisit[] }> {
  const browser = await launchBrowser({ signIn: app });
  try {
    const page = await browser.newPage({ width: 1280, height: 900 });
    const cold = await visit(page, url);
    const warm: BrowserVisit[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await visit(page, url));
    return { cold, warm };
  } finally {
    await browser.close();
  }
}
