/**
 * End-to-end support: the production app (built once per run by
 * global-setup.ts) served by `next start` on 127.0.0.1 against a database
 * prepared by the test, and Debian's Chromium driven by playwright-core.
 *
 * A test file named *.e2e.test.ts runs in the e2e project:
 *
 *   const app = await startApp({ prepare: (db) => importObjects(db, "acme", records) });
 *   const browser = await launchBrowser({ signIn: app });   // signed in as app.admin
 *   await app.fetch("/api/v1/workspaces/demo/metrics?…");    // HTTP as app.admin
 *   const page = await browser.newPage();
 *   await page.goto(`${app.url}/w/demo`);
 *   await saveScreenshot(page, "overview");
 *   await browser.close(); await app.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { engineOf } from "@/db/store";
import { freePort } from "@/lib/report/app-server";
import { createUser, OPERATOR, setMember, type WorkspaceRole } from "@/lib/service/access";
import { findUserByEmail } from "@/lib/queries/access";
import { createDemoWorkspace } from "@/lib/service/demo";
import { adminConnection, databaseUrl, uniqueDatabaseName } from "./postgres";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where screenshots go (git-ignored); CI keeps them as artefacts. */
export const SCREENSHOT_DIR = path.join(ROOT, "test-results", "screenshots");
const CHROMIUM = process.env.ALTIMETER_CHROMIUM ?? "/usr/bin/chromium";

/** A running production server of the app. */
export interface RunningApp {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /**
   * The store it serves: a SQLite file, or a `postgres://` URL on the e2e-postgres project (the CLI can
   * read it too: `altimeter(args, { db: app.dbFile })`; another app can serve it: `startApp({ dbFile })`).
   */
  dbFile: string;
  /** What the server printed so far (for failure messages). */
  log: () => string;
  stop: () => Promise<void>;
  /** The instance admin every test app has (created before the server starts). */
  admin: Credentials;
  /** Signs in over HTTP (the real sign-in endpoint) and returns the `cookie` header value of the session. */
  signIn: (who?: Credentials) => Promise<string>;
  /** `fetch(app.url + path)` signed in as the admin (or with `init.headers` as given when `anonymous`). */
  fetch: (path: string, init?: RequestInit & { anonymous?: boolean }) => Promise<Response>;
  /** Creates a user (and their roles on workspaces) in the app's database. */
  addUser: (
    email: string,
    roles?: Record<string, WorkspaceRole>,
    options?: { admin?: boolean },
  ) => Promise<Credentials>;
}

/** An email and password to sign in with. */
export interface Credentials {
  email: string;
  password: string;
}

export const TEST_PASSWORD = "correct horse battery staple";
const ADMIN: Credentials = { email: "admin@altimeter.test", password: TEST_PASSWORD };

/** Creates a user with the test password and gives them roles on workspaces (by slug). */
export async function addTestUser(
  db: Db,
  email: string,
  roles: Record<string, WorkspaceRole> = {},
  options: { admin?: boolean } = {},
): Promise<Credentials> {
  await createUser(db, OPERATOR, { email, password: TEST_PASSWORD, admin: options.admin ?? false });
  for (const [slug, role] of Object.entries(roles)) await setMember(db, OPERATOR, slug, { email, role });
  return { email, password: TEST_PASSWORD };
}

/**
 * `fetch` over a new connection each time (node:http, no keep-alive agent):
 * a test that blocks on a CLI run for longer than the server's keep-alive
 * would otherwise reuse a socket the server has closed. Redirects are not
 * followed.
 */
export function freshConnectionFetch(
  address: string,
  init: RequestInit = {},
  options: { localAddress?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(address);
    const headers = Object.fromEntries(new Headers(init.headers));
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: init.method ?? "GET",
        headers,
        agent: false,
        localAddress: options.localAddress,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers))
            for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(name, v);
          const status = res.statusCode ?? 500;
          const body = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, statusText: res.statusMessage, headers: out }));
        });
      },
    );
    req.on("error", reject);
    if (init.body !== undefined && init.body !== null) req.write(init.body as string | Buffer);
    req.end();
  });
}

let signIns = 0;

/**
 * Signs in through the app's real endpoint; the session cookie as a `cookie`
 * header value. Each sign-in comes from its own loopback address
 * (127.0.1.1, 127.0.1.2, …: all of 127/8 is this machine), as separate people
 * would, so a test's many sign-ins never meet the per-address sign-in limit.
 */
export async function signInOverHttp(url: string, who: Credentials): Promise<string> {
  const n = 256 + (signIns++ % 65_000);
  // Only towards an IPv4 loopback server (a source address must be of the same family).
  const localAddress = /^127\./.test(new URL(url).hostname) ? `127.0.${n >> 8}.${n & 255 || 1}` : undefined;
  const response = await freshConnectionFetch(
    `${url}/api/auth/sign-in/email`,
    { method: "POST", headers: { "content-type": "application/json", origin: url }, body: JSON.stringify(who) },
    { localAddress },
  );
  if (response.status !== 200)
    throw new Error(`sign-in as ${who.email} answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer(); // read to the end, so the connection is free for the next request
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (cookies.length === 0) throw new Error(`sign-in as ${who.email} set no cookie`);
  return cookies.join("; ");
}

/** The auth secret of every test app on PostgreSQL (a file beside the database serves SQLite). */
export const TEST_AUTH_SECRET = "altimeter-e2e-secret-of-at-least-32-characters";

/**
 * A new, empty store for a test app: a SQLite file in `dir`, or on the
 * e2e-postgres project (ALTIMETER_TEST_STORE=postgres) a database copied from
 * the run's migrated template, dropped when the app stops.
 */
async function newStore(dir: string): Promise<{ target: string; dispose: () => Promise<void> }> {
  if (process.env.ALTIMETER_TEST_STORE !== "postgres")
    return { target: path.join(dir, "altimeter.db"), dispose: async () => {} };
  const { inject } = await import("vitest");
  const server = inject("postgresServerUrl");
  const template = inject("postgresTemplate");
  if (!server || !template) throw new Error("no PostgreSQL test server: run this file in the e2e-postgres project");
  const name = uniqueDatabaseName("altimeter_e2e");
  const admin = adminConnection(server);
  await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return {
    target: databaseUrl(server, name),
    dispose: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end({ timeout: 1 });
    },
  };
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
  const own = options.dbFile ? null : await newStore(dir);
  const dbFile = options.dbFile ?? own!.target;
  if (!options.dbFile) {
    const db = await openDatabase(dbFile);
    try {
      if (options.demo !== false) await createDemoWorkspace(db, { slug: "demo", now: options.now ?? Date.now() });
      await options.prepare?.(db);
    } finally {
      await closeDatabase(db);
    }
  }
  {
    const db = await openDatabase(dbFile);
    try {
      // Every test app has its admin, also on a database the caller brought.
      if (!(await findUserByEmail(db, ADMIN.email))) await addTestUser(db, ADMIN.email, {}, { admin: true });
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
        ALTIMETER_PUBLIC_URL: url,
        // Every instance on one PostgreSQL database signs sessions with the same secret (lib/auth/settings.ts).
        ...(engineOf(dbFile) === "postgres" ? { ALTIMETER_AUTH_SECRET: TEST_AUTH_SECRET } : {}),
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
    await own?.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  let adminCookie: Promise<string> | null = null;
  const signIn = (who: Credentials = ADMIN) => signInOverHttp(url, who);
  return {
    url,
    dbFile,
    log,
    stop,
    admin: ADMIN,
    signIn,
    async fetch(pathname, init = {}) {
      const { anonymous, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!anonymous) {
        adminCookie ??= signIn();
        headers.set("cookie", await adminCookie);
      }
      return freshConnectionFetch(`${url}${pathname}`, { ...rest, headers });
    },
    async addUser(email, roles = {}, opts = {}) {
      const db = await openDatabase(dbFile);
      try {
        return await addTestUser(db, email, roles, opts);
      } finally {
        await closeDatabase(db);
      }
    },
  };
}

/** Puts a signed-in session of `who` (default the app's admin) into a browser's cookies. */
export async function signInBrowser(
  browser: TestBrowser,
  app: RunningApp,
  who: Credentials = app.admin,
): Promise<void> {
  const cookie = await app.signIn(who);
  const { hostname } = new URL(app.url);
  await browser.context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return {
        name: pair.slice(0, at),
        value: pair.slice(at + 1),
        domain: hostname,
        path: "/",
        httpOnly: true,
        sameSite: "Lax" as const,
      };
    }),
  );
}

/** A headless Chromium with a fresh profile; `close()` ends it and deletes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  newPage: (options?: { width?: number; height?: number; colorScheme?: "light" | "dark" }) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * Launches Debian's Chromium (ALTIMETER_CHROMIUM to override) through
 * playwright-core; nothing beyond loopback is needed. `signIn: app` starts it
 * signed in as the app's admin.
 */
export async function launchBrowser(options: { signIn?: RunningApp } = {}): Promise<TestBrowser> {
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
  const browser: TestBrowser = {
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
  if (options.signIn) await signInBrowser(browser, options.signIn);
  return browser;
}

/** Saves a full-page screenshot as test-results/screenshots/NAME.png (a test artefact). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
