import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { AltimeterError, NotFoundError, UnavailableError, UpstreamError, ValidationError } from "@/lib/errors";
import { footerTemplate, headerTemplate } from "./templates";

/** The flags of every print run: nothing beyond loopback, nothing remembered. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

/** The attribute the report page sets on its root once every chart is drawn ("true"), or why not. */
export const READY_ATTRIBUTE = "data-report-ready";
/** Attributes of the report's root that give the running header its text. */
export const HEADER_ATTRIBUTES = { left: "data-report-title", right: "data-report-period" } as const;

/** What to print and how to label its pages. */
export interface PrintJob {
  /** The Chromium or Chrome executable (findChromium). */
  chromium: string;
  /** The print-designed page, e.g. http://127.0.0.1:PORT/w/demo/report?from=…&to=… */
  url: string;
  /** Running header: left and right text; by default the page's own (HEADER_ATTRIBUTES). */
  header?: { left: string; right: string };
  /** Running footer, left of the page numbers. */
  footer: string;
  /** For the whole job: launch, load, charts and printing; Chromium is closed when it is up. Default 90 s. */
  timeoutMs?: number;
  /** Headers sent with every request of the print (the app's short-lived print token). */
  headers?: Record<string, string>;
}

/** A printed PDF and where the time went. */
export interface PrintedPdf {
  pdf: Buffer;
  timings: { launchMs: number; loadMs: number; printMs: number };
}

/** An answer of the app other than 200 as the error a person can act on. */
async function refusal(status: number, body: string, url: string): Promise<Error> {
  let message = body.slice(0, 300);
  try {
    message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // An HTML error page: keep its start, tags removed.
    message = message
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  }
  if (status === 404)
    return new NotFoundError(
      `the report page was not found (${url}): the workspace or team does not exist there, or that app predates the report page`,
    );
  if (status === 400) return new ValidationError(message || `the report page refused ${url}`);
  return new UpstreamError(
    `the report page answered ${status} (${url})${message ? `: ${message}` : ""}`,
    status >= 500 ? "server" : "client",
  );
}

/**
 * Prints a report page to an A4 PDF in headless Chromium (playwright-core,
 * a fresh profile deleted afterwards): the page is laid out for print from
 * the start, so the charts measure their print width, and printing waits
 * until the page says every chart is drawn.
 */
export async function printPdf(job: PrintJob): Promise<PrintedPdf> {
  const timeout = job.timeoutMs ?? 90_000;
  const profile = mkdtempSync(path.join(tmpdir(), "altimeter-print-"));
  const started = Date.now();
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | null = null;
  // One cap for the whole job: each step has its own timeout too, but three of them could add up to three times as long.
  let overdue = false;
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= context?.close().catch(() => {}) ?? null);
  const cap = setTimeout(() => {
    overdue = true;
    void close();
  }, timeout);
  try {
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: job.chromium,
        headless: true,
        args: CHROMIUM_FLAGS,
        timeout,
        // A4 at 96 dpi: the screen layout and the printed one agree.
        viewport: { width: 794, height: 1123 },
        timezoneId: "UTC",
        locale: "en-GB",
        colorScheme: "light",
      });
    } catch (error) {
      throw new UnavailableError(
        `Chromium (${job.chromium}) did not start: ${(error as Error).message.split("\n")[0]}`,
      );
    }
    context.setDefaultTimeout(timeout);
    if (job.headers) await context.setExtraHTTPHeaders(job.headers);
    const page = await context.newPage();
    await page.emulateMedia({ media: "print", colorScheme: "light" });
    const launched = Date.now();
    const response = await page.goto(job.url, { waitUntil: "domcontentloaded", timeout });
    if (!response) throw new UpstreamError(`no answer from ${job.url}`, "network");
    if (response.status() !== 200)
      throw await refusal(response.status(), await response.text().catch(() => ""), job.url);
    const ready = await page.waitForSelector(`[${READY_ATTRIBUTE}]`, { state: "attached", timeout });
    const state = await ready.getAttribute(READY_ATTRIBUTE);
    if (state?.startsWith("invalid: ")) throw new ValidationError(state.slice("invalid: ".length));
    if (state !== "true")
      throw new UpstreamError(
        `the report page did not finish drawing its charts (${state}); nothing was printed`,
        "server",
      );
    const header = job.header ?? {
      left: (await ready.getAttribute(HEADER_ATTRIBUTES.left)) ?? "",
      right: (await ready.getAttribute(HEADER_ATTRIBUTES.right)) ?? "",
    };
    const loaded = Date.now();
    const pdf = await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: headerTemplate(header.left, header.right),
      footerTemplate: footerTemplate(job.footer),
      margin: { top: "18mm", bottom: "16mm", left: "14mm", right: "14mm" },
      outline: true,
      tagged: true,
    });
    return { pdf, timings: { launchMs: launched - started, loadMs: loaded - launched, printMs: Date.now() - loaded } };
  } catch (error) {
    if (overdue)
      throw new UpstreamError(
        `printing ${job.url} took over ${timeout / 1000} s and was stopped; nothing was printed`,
        "server",
      );
    if (error instanceof AltimeterError) throw error;
    // Playwright's errors carry a call log after the first line; the first line says what happened.
    throw new UpstreamError(`printing ${job.url} failed: ${(error as Error).message.split("\n")[0]}`, "network");
  } finally {
    clearTimeout(cap);
    await close();
    // Chromium's last writes to its profile may trail the close by a moment.
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
