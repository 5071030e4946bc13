import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatHeadline } from "@/app/_components/format";
import { windowEndingToday } from "@/app/w/[workspace]/search-params";
import { isPercent } from "@/lib/metrics";
import type { MetricsReport } from "@/lib/metrics/types";
import { headlineValue, METRIC_INFO } from "@/lib/service/definitions";
import { launchBrowser, saveScreenshot, startApp, type RunningApp, type TestBrowser } from "../support/browser";
import { altimeter } from "../support/cli";
import { importObjects } from "../support/db";
import { team } from "../factories";
import { DAY_MS } from "@/lib/time";

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe("the dashboard in Chromium, on the production build with the demo workspace", () => {
  let app: RunningApp;
  let browser: TestBrowser;

  const metrics = (window: { from: string; to: string }, teamId?: string): MetricsReport => {
    const run = altimeter(
      [
        "metrics",
        "--workspace",
        "demo",
        "--from",
        window.from,
        "--to",
        window.to,
        ...(teamId ? ["--team", teamId] : []),
        "--json",
      ],
      { db: app.dbFile },
    );
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as MetricsReport;
  };

  /** The card of a metric as a person reads it: its visible text, whitespace collapsed. */
  const cardText = async (page: Page, title: string) =>
    (await page.getByRole("article", { name: title }).innerText()).replace(/\s+/g, " ");

  /** Every card shows the CLI's headline value with its unit, and carries the exact number. */
  const expectCardsToMatch = async (page: Page, report: MetricsReport) => {
    for (const info of METRIC_INFO) {
      const value = headlineValue(info.name, report);
      const text = await cardText(page, info.title);
      if (value === null) {
        expect(text, info.title).toContain("— no data");
        continue;
      }
      expect(text, info.title).toContain(`${formatHeadline(info, value)} ${info.unit}`);
      const exact = await page
        .getByRole("article", { name: info.title })
        .locator("[data-value]")
        .getAttribute("data-value");
      expect(Number(exact), info.title).toBe(isPercent(info.name) ? value * 100 : value);
    }
  };

  /** Waits until the charts are drawn, which needs the page's script to have run (hydration). */
  const hydrated = (page: Page) => page.locator(".recharts-surface").first().waitFor();

  beforeAll(async () => {
    app = await startApp({
      prepare: (db) => importObjects(db, "empty", [team({ id: "lonely", name: "Lonely" })]).then(() => undefined),
    });
    browser = await launchBrowser({ signIn: app });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("the workspaces list shows each workspace's numbers and finds one from a few letters", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole("heading", { level: 1, name: "Workspaces" }).waitFor();
    const list = page.getByRole("list", { name: "Workspaces" });
    // The rows stream in after the heading (their numbers are computed on the server).
    await expect.poll(() => list.getByRole("listitem").count()).toBe(2);
    const demo = list.getByRole("listitem").filter({ hasText: "Northwind (demo)" });
    const report = metrics(windowEndingToday(Date.now()));
    expect((await demo.innerText()).replace(/\s+/g, " ")).toContain(
      `${formatHeadline(METRIC_INFO[0]!, report.deploymentFrequency.perDay)} / day`,
    );
    expect(await list.getByRole("listitem").filter({ hasText: "empty" }).innerText()).toContain("No data yet");

    await page.getByLabel("Find a workspace").fill("north");
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("north");
    await saveScreenshot(page, "workspaces-filtered");
    await page.getByLabel("Find a workspace").press("Enter");
    await page.waitForURL(`${app.url}/w/demo`);
    await page.close();
  });

  test("entering a workspace shows six cards equal to altimeter metrics --json for the same window", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/`);
    await page.getByRole("link", { name: "Northwind (demo)" }).click();
    await page.waitForURL(`${app.url}/w/demo`);
    await page.getByRole("heading", { level: 1, name: "Northwind (demo)" }).waitFor();
    await expectCardsToMatch(page, metrics(windowEndingToday(Date.now())));
    expect(await page.getByText("DORA 2023").count()).toBeGreaterThanOrEqual(4);
    await page.close();
  });

  test("changing the period and the team through the filters changes the URL and the numbers", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/demo`);
    await hydrated(page);
    const thirteenWeeks = await cardText(page, "Deployment frequency");

    const fourWeeks = windowEndingToday(Date.now(), 28);
    await page.getByRole("link", { name: "Last 4 weeks" }).click();
    await page.waitForURL(`${app.url}/w/demo?from=${fourWeeks.from}&to=${fourWeeks.to}`);
    await expect.poll(() => cardText(page, "Deployment frequency")).not.toBe(thirteenWeeks);
    await expectCardsToMatch(page, metrics(fourWeeks));

    await hydrated(page);
    await page.getByRole("combobox", { name: "Team", exact: true }).selectOption({ label: "Checkout" });
    await page.waitForURL(`${app.url}/w/demo/teams/checkout?from=${fourWeeks.from}&to=${fourWeeks.to}`);
    await page.getByRole("heading", { level: 1, name: "Checkout" }).waitFor();
    await expectCardsToMatch(page, metrics(fourWeeks, "checkout"));

    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const custom = { from: isoDay(today - 70 * DAY_MS), to: isoDay(today - 35 * DAY_MS) };
    await page.getByLabel("From").fill(custom.from);
    await page.getByLabel("To (not included)").fill(custom.to);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(`${app.url}/w/demo/teams/checkout?from=${custom.from}&to=${custom.to}`);
    await expect
      .poll(() => cardText(page, "Deployment frequency"))
      .toContain(formatHeadline(METRIC_INFO[0]!, metrics(custom, "checkout").deploymentFrequency.perDay)!);
    await expectCardsToMatch(page, metrics(custom, "checkout"));
    expect(await page.getByRole("link", { name: "Custom" }).getAttribute("aria-current")).toBe("page");
    await page.close();
  });

  test("a drill-down lists the records behind a card, and its CSV download holds every one", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/demo`);
    const window = windowEndingToday(Date.now());
    await page
      .getByRole("article", { name: "Change failure rate" })
      .getByRole("link", { name: "Change failure rate", exact: true })
      .click();
    await page.waitForURL(`${app.url}/w/demo/metrics/change-failure-rate?from=${window.from}&to=${window.to}`);
    await page.getByRole("heading", { level: 1, name: "Change failure rate" }).waitFor();

    const explain = altimeter(
      [
        "explain",
        "--metric",
        "changeFailureRate",
        "--workspace",
        "demo",
        "--from",
        window.from,
        "--to",
        window.to,
        "--csv",
      ],
      { db: app.dbFile },
    );
    const lines = explain.stdout.trimEnd().split("\r\n");
    const records = lines.length - 1;
    expect(records).toBeGreaterThan(100);
    expect(await page.getByRole("table").first().locator("caption").innerText()).toContain(
      `${records.toLocaleString("en-US")} records`,
    );
    expect(await page.getByRole("table").first().getByRole("row").count()).toBe(101); // a page of 100, and the heading row

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: /Download CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`demo-change-failure-rate-${window.from}-to-${window.to}.csv`);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv).toBe(explain.stdout);
    const failedColumn = lines[0]!.split(",").indexOf("failed");
    const failed = lines.slice(1).filter((line) => line.split(",")[failedColumn] === "true").length;
    expect(failed).toBe(metrics(window).changeFailureRate.failed);
    await saveScreenshot(page, "drilldown-change-failure-rate");

    await page.getByRole("link", { name: "Failed only" }).click();
    await page.waitForURL(`${app.url}/w/demo/metrics/change-failure-rate?from=${window.from}&to=${window.to}&failed=1`);
    await expect
      .poll(() => page.getByRole("table").first().locator("caption").innerText())
      .toContain(`${failed} failed deployments`);
    expect(await page.getByRole("table").first().getByRole("row").count()).toBe(Math.min(failed, 100) + 1);

    await page.goto(`${app.url}/w/demo/metrics/lead-time`);
    await page.getByRole("figure", { name: /Distribution of lead times/ }).waitFor();
    await saveScreenshot(page, "drilldown-lead-time");
    await page.close();
  });

  test("the team table sorts from the keyboard", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/demo`);
    await hydrated(page);
    const header = page.getByRole("columnheader", { name: /Change failure rate/ });
    await header.getByRole("button").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
    const table = page.getByRole("table", { name: /teams, their headline metrics/ });
    const rates = await table
      .getByRole("row")
      .evaluateAll((rows) => rows.slice(1).map((row) => row.querySelectorAll("td")[2]?.textContent ?? ""));
    const numbers = rates.filter((t) => !t.includes("no data")).map((t) => Number.parseFloat(t));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    await page.keyboard.press("Enter");
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    await page.close();
  });

  test("an empty workspace says what to do to fill it", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/empty`);
    await page.getByRole("heading", { name: "No data in this workspace yet" }).waitFor();
    expect(await page.getByText("npx altimeter import events.ndjson --workspace empty").count()).toBe(1);
    await saveScreenshot(page, "empty-workspace");
    await page.close();
  });

  test("an unknown workspace is a real 404 that names it", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/w/nope`);
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "No workspace nope" }).waitFor();
    await page.close();
  });

  test("the main pages fit a phone and a 1280 px screen, light and dark (screenshots kept)", async () => {
    const pages: [string, string][] = [
      ["workspaces", "/"],
      ["overview", "/w/demo"],
      ["team", "/w/demo/teams/checkout"],
      ["drilldown", "/w/demo/metrics/lead-time"],
      ["repositories", "/w/demo/repositories"],
      ["incidents", "/w/demo/incidents"],
    ];
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [1280, 390]) {
        const page = await browser.newPage({ width, colorScheme });
        for (const [name, path] of pages) {
          await page.goto(`${app.url}${path}`);
          await page.getByRole("heading", { level: 1 }).first().waitFor();
          if (name === "overview" || name === "team") await hydrated(page);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
            `${name} at ${width} px`,
          ).toBeLessThanOrEqual(width);
          await saveScreenshot(page, `${name}-${width}-${colorScheme}`);
        }
        await page.close();
      }
    }
  });
});
