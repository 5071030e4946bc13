import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { HANG_GUARD_MS } from "./test/support/hang-guard";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside React Server Components; tests and the CLI are plain Node.
      "server-only": fileURLToPath(new URL("./test/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    // No test is timed: these only stop a hang (test/support/hang-guard.ts).
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
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
