import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, saveScreenshot, startApp, type RunningApp, type TestBrowser } from "../support/browser";
import { importObjects } from "../support/db";
import { incidentsOn, NO_INCIDENTS, UNCOVERED_WINDOW as WINDOW, uncoveredRecords } from "../support/uncovered";
import { runCli } from "../lib/digest/cli";

const query = `?from=${WINDOW.from}&to=${WINDOW.to}`;
/** A judgement word shown as if the missing data were a result. */
const JUDGED = /\b(elite|high|medium|low|target met|target missed|better|worse)\b/i;

/** What a person reads in the PDF: pdftotext's text, whitespace collapsed. */
const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");

describe("a workspace without incident data, in Chromium and in the PDF", () => {
  let app: RunningApp;
  let browser: TestBrowser;
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-nodata-e2e-"));

  beforeAll(async () => {
    app = await startApp({
      demo: false,
      prepare: async (db) => {
        await importObjects(db, "quiet", uncoveredRecords([]));
        // Incidents only from 2 Feb 2026: the previous period has none to compare with.
        await importObjects(db, "late", uncoveredRecords(incidentsOn(["2026-02-02", "2026-02-16", "2026-03-03"])));
      },
    });
    browser = await launchBrowser({ signIn: app });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = async (page: Page, role: "article" | "figure" | "region", name: string) =>
    (await page.getByRole(role, { name, exact: true }).innerText()).replace(/\s+/g, " ");

  test("the cards of the incident metrics say no data and why, never a tier, met or a change", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/quiet${query}`);
    for (const title of ["Change failure rate", "Time to restore"]) {
      const card = await text(page, "article", title);
      expect(card, title).toContain("DORA 2023 no data");
      expect(card, title).toContain(`No data: ${NO_INCIDENTS}`);
      expect(card, title).toContain("Target: no data");
      expect(card, title).toContain(`No comparison (${NO_INCIDENTS})`);
      expect(card, title).not.toMatch(JUDGED);
    }
    // Deployments are covered: their card is judged as before.
    expect(await text(page, "article", "Deployment frequency")).toMatch(/DORA 2023 Elite/);
    // Weeks without incident data are not drawn as 0 % under the target line.
    const trend = (await page.getByRole("figure", { name: /Change failure rate/ }).innerText()).replace(/\s+/g, " ");
    expect(trend).toContain("No data in 13 of 13 weeks (not plotted): no incident data before 6 Apr 2026");
    const teams = await text(page, "region", "Teams");
    expect(teams).toContain(`No data for change failure rate: ${NO_INCIDENTS}`);
    await saveScreenshot(page, "no-incident-data-overview");
    await page.close();
  });

  test("the drill-down of the change failure rate says no data and why beside its records", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/quiet/metrics/change-failure-rate${query}`);
    // The definition, open on this page, names every tier: what is judged is the text before it.
    const summary = (await text(page, "region", "The number")).split(" Definition ")[0]!;
    expect(summary).toContain(`No data: ${NO_INCIDENTS}`);
    expect(summary).toContain("Target: no data");
    expect(summary).not.toMatch(JUDGED);
    await page.close();
  });

  test("a card compares only with a period covered by its sources, and says why not", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/w/late${query}`);
    const card = await text(page, "article", "Change failure rate");
    expect(card).toContain(
      "No comparison (no incident data before 5 Jan 2026, when the previous period ends; the first incident is from 2 Feb 2026)",
    );
    expect(card).not.toMatch(/\b(better|worse)\b/);
    await page.close();
  });

  test("the PDF's executive summary counts no withheld target as met, and names the missing source", async () => {
    const out = path.join(dir, "quiet.pdf");
    const cli = (workspace: string, file: string) =>
      runCli(
        ["report", "--workspace", workspace, "--from", WINDOW.from, "--to", WINDOW.to, "--out", file, "--url", app.url],
        {
          db: app.dbFile,
        },
      );
    const run = await cli("quiet", out);
    expect(run.status, run.stderr).toBe(0);
    const pdf = pdfText(out);
    expect(pdf).toContain(`Change failure rate — no data: ${NO_INCIDENTS}.`);
    expect(pdf).toContain(`Time to restore — no data: ${NO_INCIDENTS}.`);
    // Only rework rate's target is met: none of the incident targets is counted as met.
    expect(pdf).toContain(
      "It meets 1 of the 7 platform-engineering targets (fewer than 10% of deployments being rework), misses 1",
    );
    expect(pdf).toMatch(/cannot be judged without data \([^)]*a change failure rate below 5%/);
    expect(pdf).not.toMatch(/% of production deployments failed/);
    expect(pdf).not.toContain("No incident was opened");
    // The roadmap asks for the source first.
    expect(pdf).toContain(
      `Change failure rate, time to restore, failed deployment recovery time — no data: ${NO_INCIDENTS}`,
    );

    const late = path.join(dir, "late.pdf");
    expect((await cli("late", late)).status).toBe(0);
    const latePdf = pdfText(late);
    expect(latePdf).not.toMatch(/worsened[^.]*change failure rate/);
    expect(latePdf).toContain(
      "Change failure rate, time to restore, failed deployment recovery time — no comparison: no incident data before 5 Jan 2026, when the previous period ends; the first incident is from 2 Feb 2026.",
    );
  });
});
