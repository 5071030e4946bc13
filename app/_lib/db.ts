import "server-only";
import { connection } from "next/server";
import { openDatabase, resolveDbPath, type Db } from "@/db/client";

// On globalThis rather than in a module variable: `next dev` re-evaluates
// modules on every edit, and each evaluation would otherwise open (and migrate)
// another connection to the same file.
const holder = globalThis as typeof globalThis & { __altimeterDb?: Promise<Db> };

/**
 * The process-wide database of the app, opened (and migrated) on first use at
 * the path the CLI uses too (`resolveDbPath`: ALTIMETER_DB, else ./data/altimeter.db).
 * Lazy, so that `next build` never touches a database.
 */
export function getDb(): Promise<Db> {
  holder.__altimeterDb ??= openDatabase(resolveDbPath()).then((db) => {
    // better-sqlite3 waits for a lock synchronously, stalling every request meanwhile; writers commit in
    // batches of tens of milliseconds, so a second is plenty, and past it the request gets 503 with Retry-After.
    if (db.engine === "sqlite") db.$client.pragma(`busy_timeout = ${APP_BUSY_TIMEOUT_MS}`);
    return db;
  });
  return holder.__altimeterDb;
}

/** How long a request waits for another writer's lock before its answer is 503 (lib/errors.ts asKnownError). */
export const APP_BUSY_TIMEOUT_MS = 1_000;

/**
 * The database for rendering a request. better-sqlite3 is synchronous, so a
 * query would otherwise complete during prerendering and freeze build-time
 * numbers into the page; `connection()` defers the render to request time.
 */
export async function requestDb(): Promise<Db> {
  await connection();
  return getDb();
}
