import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";
import { absoluteStoreTarget } from "@/db/client";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "@/lib/errors";
import { nextBuild, withBuildLock } from "./next-build";

/** The checkout this module belongs to: app/ and .next/ live there. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The route whose presence in a build says the build can print reports. */
const REPORT_ROUTE = "/w/[workspace]/report/page";
const START_TIMEOUT_MS = 60_000;

/** A production server of the app started for one job. */
export interface AppServer {
  /** http://127.0.0.1:PORT */
  url: string;
  stop: () => Promise<void>;
}

function nextBin(appDir: string): string {
  return createRequire(path.join(appDir, "package.json")).resolve("next/dist/bin/next");
}

/** Whether `appDir` holds a production build, and whether that build has the report page. */
export function buildState(appDir: string): "none" | "without-report" | "ready" {
  if (!existsSync(path.join(appDir, ".next", "BUILD_ID"))) return "none";
  try {
    const routes = JSON.parse(
      readFileSync(path.join(appDir, ".next", "app-path-routes-manifest.json"), "utf8"),
    ) as Record<string, string>;
    return REPORT_ROUTE in routes ? "ready" : "without-report";
  } catch {
    return "without-report";
  }
}

/** Builds the app when `appDir` has no build with the report page, saying so first (a build takes a minute or two). */
export async function ensureBuild(appDir: string, say: (line: string) => void): Promise<void> {
  const state = buildState(appDir);
  if (state === "ready") return;
  say(
    state === "none"
      ? "no build of the app yet: running next build once (a minute or two)…"
      : "the app's build predates the report page: running next build (a minute or two)…",
  );
  await withBuildLock(appDir, async () => {
    // Another process may have built while this one waited for the lock.
    if (buildState(appDir) !== "ready") await nextBuild(appDir);
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Whether something answers HTTP at `url` within `timeoutMs`. */
export async function answers(url: string, timeoutMs = 2_000): Promise<boolean> {
  try {
    await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `next start` of the existing build on a free loopback port against
 * the database file, and waits until it answers. The server never outlives
 * this process: it is killed on exit if `stop` was not called.
 */
export async function startAppServer(options: {
  appDir?: string;
  dbFile: string;
  env?: Record<string, string>;
}): Promise<AppServer> {
  const appDir = options.appDir ?? PROJECT_ROOT;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [nextBin(appDir), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: {
      ...process.env,
      ...options.env,
      ALTIMETER_DB: absoluteStoreTarget(options.dbFile),
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    await stopChild(child);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  // Any answer will do; an unknown path is the cheapest page the app has.
  while (!(await answers(`${url}/-/starting`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new UnavailableError(
        `the app did not start (next start ${child.exitCode !== null ? `exited with ${child.exitCode}` : `gave no answer in ${START_TIMEOUT_MS / 1000} s`}):\n${output.slice(-2_000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop };
}
