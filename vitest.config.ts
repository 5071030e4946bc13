import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The only time limit the tests have: a guard against a hang, not a speed
 * expectation. No test waits on a clock to decide pass or fail; children,
 * servers and pages are awaited until they answer or exit. On two loaded
 * cores a correct run may be many times slower than on a quiet laptop, so the
 * guard is far beyond any correct run (the slowest test takes about a minute
 * when the machine is busy): reaching it means something hangs.
 */
const HANG_GUARD_MS = 15 * 60_000;

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; tests and the CLI are plain Node.
      "server-only": fileURLToPath(new URL("./test/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    // For a child run with spawnSync, which blocks the guard above (test/support/cli.ts).
    provide: { hangGuardMs: HANG_GUARD_MS },
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.e2e.test.ts", "**/node_modules/**"],
        },
      },
      {
        // Against the production build in Chromium or over HTTP: the build runs once, in
        // globalSetup, and only when an e2e file is selected (see test/support/browser.ts).
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
    ],
  },
});
