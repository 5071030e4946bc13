import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

/**
 * The only time limit the tests have: a guard against a hang, not a speed
 * expectation. No test waits on a clock to decide pass or fail; children,
 * servers and pages are awaited until they answer or exit. On two loaded
 * cores a correct run may be many times slower than on a quiet laptop, so the
 * guard is far beyond any correct run (the slowest test takes about a minute
 * when the machine is busy): reaching it means something hangs.
 */
const HANG_GUARD_MS = 15 * 60_000;

/**
 * Every unit test again, on a real PostgreSQL server (test/support/postgres.ts).
 * `npm test` (test/run.ts) leaves it out, saying why, when PostgreSQL cannot
 * start here; ALTIMETER_TEST_STORE=sqlite leaves it out on purpose. A test that
 * is about one engine only says so where it skips on the other.
 */
const postgresProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "postgres",
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.e2e.test.ts", "**/node_modules/**"],
    // A PostgreSQL store has no directory to keep a generated session secret in: every
    // instance is given the same one, as a deployment must (lib/auth/settings.ts).
    env: { ALTIMETER_TEST_STORE: "postgres", ALTIMETER_AUTH_SECRET: "a-test-session-secret-of-forty-characters" },
    globalSetup: ["test/support/postgres-setup.ts"],
  },
};

/**
 * End-to-end files that run on PostgreSQL too (e2e-postgres): each app server
 * (the production build) on a PostgreSQL database of its own, or two of them
 * on one (many-apps). Only a few: each e2e file costs up to a minute of the suite.
 */
const E2E_POSTGRES_SUITE = [
  "test/app/many-apps.e2e.test.ts",
  "test/app/dashboard.e2e.test.ts",
  "test/app/auth/access.e2e.test.ts",
  "test/app/auth/manage.e2e.test.ts",
];

const e2ePostgresProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: "e2e-postgres",
    include: E2E_POSTGRES_SUITE,
    // The secret every instance on one PostgreSQL database shares: the app servers' and the CLI's (report).
    env: { ALTIMETER_TEST_STORE: "postgres", ALTIMETER_AUTH_SECRET: "altimeter-e2e-secret-of-at-least-32-characters" },
    // One build serves both e2e projects (global-setup.ts).
    globalSetup: ["test/support/global-setup.ts", "test/support/postgres-setup.ts"],
  },
};

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
          env: { ALTIMETER_TEST_STORE: "sqlite" },
        },
      },
      {
        // Against the production build in Chromium or over HTTP: the build runs once, in
        // globalSetup, and only when an e2e file is selected (see test/support/browser.ts).
        extends: true,
        test: {
          name: "e2e",
          include: ["test/**/*.e2e.test.ts"],
          env: { ALTIMETER_TEST_STORE: "sqlite" },
          globalSetup: ["test/support/global-setup.ts"],
        },
      },
      ...(process.env.ALTIMETER_TEST_STORE === "sqlite" ? [] : [postgresProject, e2ePostgresProject]),
    ],
  },
});
