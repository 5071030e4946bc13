import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { MetricsReport } from "@/lib/metrics/types";
import { count, formatNumber, formatPercent } from "@/lib/format";
import { launchBrowser, saveScreenshot, startApp, type RunningApp, type TestBrowser } from "../../support/browser";
import { neutralEnv, runCli } from "../../lib/digest/cli";
import { startSmtp } from "../../lib/digest/servers";
import { DAY_MS } from "@/lib/time";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
/** Images of the PDF's pages, kept by CI as artefacts. */
const ARTEFACTS = path.join(ROOT, "test-results", "report");
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last 13 full weeks, as the dashboard's default window. */
const TO = isoDay(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const FROM = isoDay(Date.parse(`${TO}T00:00:00Z`) - 91 * DAY_MS);

/** What a person reads in the PDF: pdftotext's text, whitespace collapsed. */
const pdfText = (file: string) =>
  execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
const pdfInfo = (file: string) =>
  Object.fromEntries(
    execFileSync("pdfinfo", [file], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
  );

describe("the PDF report of the demo workspace, printed by headless Chromium from the production build", () => {
  let app: RunningApp;
  let browser: TestBrowser;
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-report-e2e-"));
  const appDir = inject("altimeterAppDir");
  const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { db: app.dbFile, env });
  let metrics: MetricsReport;

  beforeAll(async () => {
    // The cover's name is the app's setting, never the address's.
    app = await startApp({ env: { ALTIMETER_REPORT_PREPARED_BY: "Ana Rao, Example Consulting" } });
    browser = await launchBrowser({ signIn: app });
    const run = await cli(["metrics", "--workspace", "demo", "--from", FROM, "--to", TO, "--json"]);
    expect(run.status, run.stderr).toBe(0);
    metrics = JSON.parse(run.stdout) as MetricsReport;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test("altimeter report writes an A4 PDF with page numbers whose numbers equal altimeter metrics --json; its pages are saved as images", async () => {
    const out = path.join(dir, "northwind.pdf");
    const run = await cli([
      "report",
      "--workspace",
      "demo",
      "--from",
      FROM,
      "--to",
      TO,
      "--out",
      out,
      "--url",
      app.url,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*northwind\.pdf \(\d+ pages, \d+ KB\) in [\d.]+ s\n$/);

    const info = pdfInfo(out);
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThanOrEqual(8);
    expect(pages).toBeLessThanOrEqual(16);
    expect(info["Page size"]).toMatch(/^595\.\d+ x 84[12]\.\d+ pts \(A4\)$/);

    const text = pdfText(out);
    for (const heading of [
      "Executive summary",
      "The metrics",
      "Trends",
      "Team comparison",
      "Platform maturity",
      "Recommendation and roadmap",
      "Appendix A: metric definitions",
      "Appendix B: data sources and coverage",
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain("Client Northwind (demo)");
    expect(text).toContain("Prepared by Ana Rao, Example Consulting");
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);

    const m = metrics;
    const d = m.deploymentFrequency,
      l = m.leadTime,
      c = m.changeFailureRate,
      r = m.timeToRestore;
    expect(text).toContain(
      `deploys to production ${formatNumber(d.perDay)} times a day (DORA ${d.tier}): ${count(d.deployments, "deployment")} on ${count(d.deployDays, "day")} of 91.`,
    );
    expect(text).toContain(`${formatNumber(d.perDay)} deployments / day`);
    if (l.medianHours !== null)
      expect(text).toContain(
        `A merged change reaches production in ${formatNumber(l.medianHours)} hours at the median (DORA ${l.tier}), and in ${formatNumber(l.p90Hours)} hours for the slowest tenth.`,
      );
    if (c.rate !== null)
      expect(text).toContain(
        `${formatPercent(c.rate)}% of production deployments failed or caused an incident (DORA ${c.tier}): ${c.failed} of ${c.deployments}.`,
      );
    if (r.medianHours !== null)
      expect(text).toContain(
        `Service is restored in ${formatNumber(r.medianHours)} hours at the median (DORA ${r.tier}) (${count(r.incidents, "incident")}, ${r.open} still open).`,
      );
    if (m.onboarding.medianDays !== null)
      expect(text).toContain(
        `Newcomers merge their first pull request ${formatNumber(m.onboarding.medianDays)} days after starting (median of ${m.onboarding.onboarded}).`,
      );
    expect(text).toContain(`${l.changes} changes`);

    rmSync(ARTEFACTS, { recursive: true, force: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    execFileSync("pdftoppm", ["-png", "-r", "60", out, path.join(ARTEFACTS, "page")]);
    expect(readdirSync(ARTEFACTS).filter((f) => f.endsWith(".png"))).toHaveLength(pages);
  });

  test("without a running app, altimeter report starts the build on a loopback port itself, prints and stops it", async () => {
    const out = path.join(dir, "self-served.pdf");
    const bin = path.join(appDir, "lib", "cli", "bin.mjs");
    const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          bin,
          "report",
          "--workspace",
          "demo",
          "--team",
          "checkout",
          "--from",
          FROM,
          "--to",
          TO,
          "--out",
          out,
          "--db",
          app.dbFile,
        ],
        { cwd: dir, env: neutralEnv(), stdio: ["ignore", "pipe", "pipe"] },
      );
      let stdout = "",
        stderr = "";
      child.stdout.on("data", (b: Buffer) => (stdout += b));
      child.stderr.on("data", (b: Buffer) => (stderr += b));
      child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("starting the app on a loopback port to print from…");
    const text = pdfText(out);
    expect(text).toContain("Platform engineering report · Checkout team");
    expect(text).toContain("The Checkout team deploys to production");
    expect(text).not.toContain("Team comparison");
    expect(existsSync(`${out}.tmp`)).toBe(false);
  });

  test("GET /w/demo/report.pdf answers application/pdf; bad dates and unknown workspaces answer JSON errors", async () => {
    const response = await app.fetch(`/w/demo/report.pdf?from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="demo-${FROM}-to-${TO}.pdf"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    const bad = await app.fetch(`/w/demo/report.pdf?from=2026-13-01&to=${TO}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "invalid_input", message: 'from must be a date as YYYY-MM-DD, got "2026-13-01"' },
    });
    const unknown = await app.fetch(`/w/nope/report.pdf`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
  });

  test("the report page reads as a document on screen and links to its PDF", async () => {
    const page = await browser.newPage({ width: 1100, height: 1400 });
    // Nobody puts words on a client's cover through the address: ?preparedBy is not read.
    await page.goto(`${app.url}/w/demo/report?from=${FROM}&to=${TO}&preparedBy=Mallory`);
    await page.locator("[data-report-ready=true]").waitFor({ state: "attached" });
    await page.getByRole("heading", { level: 1, name: "Northwind (demo)" }).waitFor();
    for (const name of ["Executive summary", "The metrics", "Trends", "Team comparison", "Platform maturity"])
      await page.getByRole("heading", { level: 2, name }).waitFor();
    // A trend for each of the eight metrics, and the maturity level over time.
    expect(await page.locator("[data-report-chart] svg.recharts-surface").count()).toBe(9);
    const link = page.getByRole("link", { name: "Download PDF" });
    expect(await link.getAttribute("href")).toBe(`/w/demo/report.pdf?from=${FROM}&to=${TO}`);
    await page.getByText("Ana Rao, Example Consulting").first().waitFor();
    expect(await page.getByText("Mallory").count()).toBe(0);
    await saveScreenshot(page, "report-page");
    await page.close();
  });

  test("Download PDF on the overview and on a team's page downloads that page's report for its window", async () => {
    const page = await browser.newPage();
    for (const [path, name] of [
      [`/w/demo?from=${FROM}&to=${TO}`, `demo-${FROM}-to-${TO}.pdf`],
      [`/w/demo/teams/checkout?from=${FROM}&to=${TO}`, `demo-checkout-${FROM}-to-${TO}.pdf`],
    ] as const) {
      await page.goto(`${app.url}${path}`);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Download PDF" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const file = await download.path();
      expect(pdfInfo(file)["Page size"]).toMatch(/\(A4\)$/);
    }
    await page.close();
  });

  test("the digest mail can carry the PDF report as an attachment", async () => {
    const smtp = await startSmtp();
    try {
      const run = await cli(
        [
          "digest",
          "--workspace",
          "demo",
          "--to",
          "email",
          "--recipient",
          "lead@example.test",
          "--attach-pdf",
          "--url",
          app.url,
        ],
        smtp.env,
      );
      expect(run.status, run.stderr).toBe(0);
      expect(smtp.messages).toHaveLength(1);
      const [attachment] = smtp.messages[0]!.attachments;
      expect(attachment?.contentType).toBe("application/pdf");
      expect(attachment?.filename).toMatch(/^demo-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.pdf$/);
      expect(attachment?.content.subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await smtp.close();
    }
  });
});
