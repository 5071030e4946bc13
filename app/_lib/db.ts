import "server-only";
import { connection } from "next/server";
import type { Db } from "@/db/client";
import { appDb } from "@/lib/auth/instance";

/**
 * The process-wide database of the app, opened (and migrated) on first use at
 * the path the CLI uses too (`resolveDbPath`: ALTIMETER_DATABASE_URL, else ALTIMETER_DB, else
 * ./data/altimeter.db). Lazy, so that `next build` never touches a database. The same connection
 * as the proxy's and the auth routes' (lib/auth/instance.ts `appDb`).
 */
export function getDb(): Promise<Db> {
  return appDb();
}

/**
 * The database for rendering a request. better-sqlite3 is synchronous, so a
 * query would otherwise complete during prerendering and freeze build-time
 * numbers into the page; `connection()` defers the render to request time.
 */
export async function requestDb(): Promise<Db> {
  await connection();
  return getDb();
}
