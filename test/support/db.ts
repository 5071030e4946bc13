import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import type { Engine } from "@/db/store";
import { importSources } from "@/lib/import/importer";
import type { ImportSummary } from "@/lib/import/summary";
import { adminConnection, DatabasePool } from "./postgres";

/** Which engine this test run's stores are on: `ALTIMETER_TEST_STORE=postgres` (the postgres project) or SQLite. */
export const TEST_ENGINE: Engine = process.env.ALTIMETER_TEST_STORE === "postgres" ? "postgres" : "sqlite";

/**
 * A fresh, migrated store and a way to throw it away: a new SQLite file, or on
 * the postgres project a database copied from the migrated template (emptied
 * for another test once this file has ended).
 * `file` is what a child process or app server is given to open the same
 * store: the file path, or the `postgres://` URL.
 */
export async function freshDatabase(): Promise<{ db: Db; file: string; dispose: () => Promise<void> }> {
  if (TEST_ENGINE === "postgres") return freshPostgresDatabase();
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-test-"));
  const file = path.join(dir, "altimeter.db");
  const db = await openDatabase(file);
  return {
    db,
    file,
    dispose: async () => {
      await closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let pool: DatabasePool | null = null;
/** Databases this test file is done with, given back to the pool when the file ends. */
const done: string[] = [];

if (TEST_ENGINE === "postgres") {
  // After the file's own afterAll hooks: a test may dispose a store and still
  // hand its URL to a child (as on SQLite, where the child recreates the file).
  afterAll(async () => {
    for (const name of done.splice(0)) await pool?.release(name);
  });
}

async function freshPostgresDatabase(): Promise<{ db: Db; file: string; dispose: () => Promise<void> }> {
  const server = inject("postgresServerUrl");
  const template = inject("postgresTemplate");
  if (!server || !template) throw new Error("no PostgreSQL test server: run this file in the postgres project");
  pool ??= new DatabasePool(adminConnection(server), server, template, inject("postgresReset"));
  const claimed = await pool.claim();
  const file = `${claimed.url}?max=4`;
  const db = await openDatabase(file);
  let disposed = false;
  return {
    db,
    file,
    dispose: async () => {
      await closeDatabase(db);
      if (!disposed) done.push(claimed.name);
      disposed = true;
    },
  };
}

/** Imports raw event-format objects through the real importer, as NDJSON lines. */
export async function importObjects(
  db: Db,
  workspace: string,
  records: object[],
  options: { strict?: boolean } = {},
): Promise<ImportSummary> {
  async function* lines() {
    yield `${records.map((r) => JSON.stringify(r)).join("\n")}\n`;
  }
  return importSources(db, {
    workspace,
    strict: options.strict,
    sources: [{ name: "test.ndjson", format: "ndjson", stream: lines() }],
  });
}

/** Imports NDJSON text (line numbers as written) through the real importer. */
export async function importText(
  db: Db,
  workspace: string,
  text: string,
  options: { strict?: boolean; name?: string } = {},
): Promise<ImportSummary> {
  async function* chunks() {
    yield text;
  }
  return importSources(db, {
    workspace,
    strict: options.strict,
    sources: [{ name: options.name ?? "test.ndjson", format: "ndjson", stream: chunks() }],
  });
}
