/**
 * Global setup of the postgres project: a PostgreSQL server for the whole run
 * (the one `npm test` started, given as ALTIMETER_TEST_POSTGRES_URL, else one
 * started here) and a database migrated once, which `freshDatabase()` copies
 * (and empties again for the next test: DatabasePool). Vitest runs it only when a file of the postgres project is selected.
 */
import type { TestProject } from "vitest/node";
import { openPostgres } from "@/db/postgres";
import {
  adminConnection,
  DatabasePool,
  databaseUrl,
  resetScript,
  type StartTimes,
  startEmbeddedPostgres,
  type TestPostgres,
  uniqueDatabaseName,
} from "./postgres";

declare module "vitest" {
  interface ProvidedContext {
    /** A superuser's URL on the test server's `postgres` database. */
    postgresServerUrl: string;
    /** The migrated database each test's database is copied from. */
    postgresTemplate: string;
    /** The statements that empty a test database for the next test (test/support/postgres.ts). */
    postgresReset: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: TestPostgres | null = null;
  let serverUrl = process.env.ALTIMETER_TEST_POSTGRES_URL;
  if (!serverUrl) {
    const times: StartTimes = { initdbMs: 0, startMs: 0 };
    server = await startEmbeddedPostgres(times);
    serverUrl = server.url;
    process.stderr.write(
      `postgres: initdb ${(times.initdbMs / 1000).toFixed(1)} s, start ${(times.startMs / 1000).toFixed(1)} s\n`,
    );
  }
  const template = uniqueDatabaseName("altimeter_template");
  const admin = adminConnection(serverUrl);
  await admin.unsafe(`CREATE DATABASE "${template}"`);
  const store = await openPostgres(databaseUrl(serverUrl, template));
  await store.close();
  const templateAdmin = adminConnection(databaseUrl(serverUrl, template));
  const reset = await resetScript(templateAdmin);
  await templateAdmin.end();
  const pool = new DatabasePool(admin, serverUrl, template, reset);
  await pool.create();
  project.provide("postgresServerUrl", serverUrl);
  project.provide("postgresTemplate", template);
  project.provide("postgresReset", reset);
  return async () => {
    await pool.drop().catch(() => {});
    await admin.unsafe(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 1 });
    await server?.stop();
  };
}
