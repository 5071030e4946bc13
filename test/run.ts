/**
 * `npm test`: the whole suite on SQLite, and the postgres and e2e-postgres
 * projects' files (vitest.config.ts) on a real PostgreSQL 18 server started here for
 * the run. When PostgreSQL cannot start on this machine it says why and runs
 * SQLite only. Arguments go to vitest (`npm test -- test/lib --reporter=json`).
 *
 * ALTIMETER_TEST_STORE=sqlite skips PostgreSQL on purpose;
 * ALTIMETER_TEST_POSTGRES_URL=postgres://… uses a server that is already running.
 */
import { spawn } from "node:child_process";
import { startEmbeddedPostgres, type StartTimes, type TestPostgres } from "./support/postgres";

const args = process.argv.slice(2);
const env = { ...process.env };
let server: TestPostgres | null = null;

if (env.ALTIMETER_TEST_STORE !== "sqlite" && !env.ALTIMETER_TEST_POSTGRES_URL) {
  const times: StartTimes = { initdbMs: 0, startMs: 0 };
  try {
    server = await startEmbeddedPostgres(times);
    env.ALTIMETER_TEST_POSTGRES_URL = server.url;
    console.log(
      `PostgreSQL 18 started for the postgres project (initdb ${(times.initdbMs / 1000).toFixed(1)} s, start ${(times.startMs / 1000).toFixed(1)} s)`,
    );
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    console.log(`PostgreSQL could not start: ${why} — running SQLite only`);
    env.ALTIMETER_TEST_STORE = "sqlite";
  }
}

const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...args], { env, stdio: "inherit" });
const stopServer = async () => {
  await server?.stop().catch((error: Error) => console.error(`stopping PostgreSQL: ${error.message}`));
  server = null;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => child.kill(signal));
}
const code = await new Promise<number>((resolve) =>
  child.on("exit", (status, signal) => resolve(status ?? (signal ? 1 : 0))),
);
await stopServer();
process.exit(code);
