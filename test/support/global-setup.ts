/**
 * Global setup of the e2e projects (test/**\/*.e2e.test.ts; e2e-postgres runs some of them on
 * PostgreSQL): builds the production app once per test run, before any e2e file starts, and tells
 * the files where it is (`inject("altimeterAppDir")`). Vitest runs it only
 * when an e2e file is selected, so unit-test runs never build.
 *
 * ALTIMETER_E2E_APP_DIR=DIR uses another checkout (a copy built while others'
 * half-written files break the real tree); its existing build is reused.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { buildApp } from "./next-build";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

declare module "vitest" {
  interface ProvidedContext {
    /** The checkout whose production build e2e tests start (`next start`). */
    altimeterAppDir: string;
  }
}

// On globalThis: the e2e and e2e-postgres projects each run this setup (in one process), and one build serves both.
const built = globalThis as typeof globalThis & { __altimeterE2eBuild?: Promise<void> };

export default async function setup(project: TestProject): Promise<void> {
  const given = process.env.ALTIMETER_E2E_APP_DIR;
  const appDir = given ? path.resolve(given) : ROOT;
  built.__altimeterE2eBuild ??= (async () => {
    if (given && existsSync(path.join(appDir, ".next", "BUILD_ID"))) return;
    const started = Date.now();
    await buildApp(appDir);
    process.stderr.write(`e2e: built the app in ${appDir} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  })();
  await built.__altimeterE2eBuild;
  project.provide("altimeterAppDir", appDir);
}
