/**
 * End-to-end support: the production app (built once per run by
 * global-setup.ts) served by `next start` on 127.0.0.1 against a database
 * prepared by the test, and Debian's Chromium driven by playwright-core.
 *
 * A test file named *.e2e.test.ts runs in the e2e project:
 *
 *   const app = await startApp({ prepare: (db) => importObjects(db, "acme", records) });
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage();
 *   await page.goto(`${app.url}/w/demo`);
 *   await saveScreenshot(page, "overview");
 *   await browser.close(); await app.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { freePort } from "@/lib/report/app-server";
import { createDemoWorkspace } from "@/lib/service/demo";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where screenshots go (git-ignored); CI keeps them as artefacts. */
export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "screenshots");
const CHROMIUM = process.env.ALTIMETER_CHROMIUM ?? "/usr/bin/chromium";

/** A running production server of the app. */
export interface RunningApp {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** The SQLite file it serves (the CLI can read it too: `altimeter(args, { db: app.dbFile })`). */
  dbFile: string;
  /** What the server printed so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
}

/** What to put in the database before the server starts. */
export interface AppOptions {
  /** Serve this existing database as it is (kept on stop) instead of a fresh one. */
  dbFile?: string;
  /** The built checkout; default the one global-setup.ts built (inside vitest only). */
  appDir?: string;
  /** Create the demo workspace (slug `demo`) ending at `now`; default true. */
  demo?: boolean;
  /** The demo's "now" (UTC ms); default the real now, so the dashboard's default window covers it. */
  now?: number;
  /** More data: import records, create workspaces… */
  prepare?: (db: Db) => Promise<void>;
  /** More environment for the server (its settings). */
  env?: Record<string, string>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once("exit", () => r()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited(child);
  clearTimeout(timer);
}

/**
 * Polls the server until it answers or exits, however long a loaded machine
 * takes to start it: no deadline decides the outcome (vitest's hang guard
 * stops a real hang).
 */
async function waitUntilServing(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log()}`);
    try {
      await fetch(`${url}/api/v1/workspaces/-/metrics`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Prepares a fresh database (the demo workspace, then `prepare`) and starts
 * the production build on a free port of 127.0.0.1 against it.
 */
export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  // Imported here, not at the top, so the benchmark can use this module outside vitest.
  const appDir = options.appDir ?? (await import("vitest")).inject("altimeterAppDir");
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-e2e-"));
  const dbFile = options.dbFile ?? path.join(dir, "altimeter.db");
  if (!options.dbFile) {
    const db = openDatabase(dbFile);
    try {
      if (options.demo !== false) await createDemoWorkspace(db, { slug: "demo", now: options.now ?? Date.now() });
      await options.prepare?.(db);
    } finally {
      await closeDatabase(db);
    }
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join(appDir, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: appDir,
      env: {
        ...process.env,
        ...options.env,
        ALTIMETER_DB: dbFile,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  // Never leave a server behind, even when the test process dies.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const log = () => output;
  const stop = async () => {
    process.off("exit", kill);
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dbFile, log, stop };
}

/** A headless Chromium with a fresh profile; `close()` ends it and deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  newPage: (options?: { width?: number; height?: number; colorScheme?: "light" | "dark" }) => Promise<Page>;
  close: () => Promise<void>;
}

/** Launches Debian's Chromium (ALTIMETER_CHROMIUM to override) through playwright-core; nothing beyond loopback is needed. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), "altimeter-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-dev-shm-usage",
    ],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    timezoneId: "UTC",
    locale: "en-GB",
  });
  // Pages are waited for until they show what a test expects, however slow the machine: no action or wait
  // is timed (vitest's hang guard, vitest.config.ts, stops a page that never shows it).
  context.setDefaultTimeout(0);
  return {
    context,
    async newPage(options = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 });
      if (options.colorScheme) await page.emulateMedia({ colorScheme: options.colorScheme });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot as test-results/screenshots/NAME.png (a test artefact). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
