import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { DEFAULT_DB_PATH, readEnv } from "@/lib/env";
import * as schema from "./schema";
import { sqliteStore } from "./sqlite";
import { engineOf, type Store } from "./store";

/** The drizzle handle over a SQLite connection. */
export type SqliteOrm = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * The store every query function takes, on either engine. Only `db/` and
 * `lib/queries/` look inside it, through the portable statements of `Store`.
 */
export type Db = Store;

/** On the store itself, not in a module's WeakMap: a bundler may load this module more than once (Next's server layers). */
const ORM = Symbol.for("altimeter.sqlite.orm");

/** The drizzle handle of a SQLite store (for better-auth's adapter), or undefined on PostgreSQL. */
export function sqliteOrm(store: Store): SqliteOrm | undefined {
  return (store as { [ORM]?: SqliteOrm })[ORM];
}

export { DEFAULT_DB_PATH };

function migrationsFolder(): string {
  const candidates = [
    readEnv().ALTIMETER_MIGRATIONS,
    path.join(process.cwd(), "db", "migrations"),
    // The CLI may run from any directory; its modules sit beside the migrations.
    safeModuleDir() && path.join(safeModuleDir()!, "migrations"),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
  }
  throw new Error("cannot find db/migrations: run Altimeter from its checkout or set ALTIMETER_MIGRATIONS");
}

function safeModuleDir(): string | null {
  try {
    return path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

/** How a process opens its store. */
export interface OpenOptions {
  /**
   * How long a statement waits for another connection's lock before failing
   * as busy, which the app answers with 503 (lib/errors.ts). SQLite: the busy
   * timeout (default 5 s, for the CLI and workers; the app waits less).
   * PostgreSQL: the lock_timeout of every connection, at least 10 s (a wait
   * stalls nothing else there, and a batch holds its lock longer; default
   * none: the CLI and workers queue behind other writers as long as it takes).
   */
  busyTimeoutMs?: number;
}

/** The default SQLite lock wait: a CLI run or a worker may wait out another's batch. */
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens and migrates the store at `target`: a `postgres://` connection string
 * selects PostgreSQL, anything else is a SQLite file path (created when missing).
 */
export async function openDatabase(target: string, options: OpenOptions = {}): Promise<Db> {
  if (engineOf(target) === "postgres") {
    const { openPostgres } = await import("./postgres");
    return openPostgres(target, options);
  }
  return openSqlite(target, options);
}

/**
 * Opens (creating when missing) and migrates the SQLite database at `file`.
 * WAL lets the app read while an import writes; the busy timeout makes a second
 * writer wait instead of failing at once.
 */
export function openSqlite(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS))}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("cache_size = -65536");
  const orm = drizzle(sqlite, { schema }) as SqliteOrm;
  migrate(orm, { migrationsFolder: migrationsFolder() });
  const store = sqliteStore(sqlite, file);
  Object.defineProperty(store, ORM, { value: orm });
  return store;
}

/** Closes the database, checkpointing the WAL. */
export async function closeDatabase(db: Db): Promise<void> {
  await db.close();
}

/**
 * The store the CLI and the app agree on: `--db`, else ALTIMETER_DATABASE_URL, else ALTIMETER_DB, else
 * ./data/altimeter.db. A `postgres://` URL selects PostgreSQL.
 */
export function resolveDbPath(explicit?: string | null): string {
  const env = readEnv();
  return explicit || env.ALTIMETER_DATABASE_URL || env.ALTIMETER_DB;
}

/** The store's address for another process: a file path made absolute, a server URL as it is. */
export function absoluteStoreTarget(target: string): string {
  return engineOf(target) === "sqlite" && target !== ":memory:" ? path.resolve(target) : target;
}

/** The directory holding a file store (for files kept beside it), or null for a server store. */
export function storeDirectory(target: string): string | null {
  return engineOf(target) === "sqlite" && target !== ":memory:" ? path.dirname(path.resolve(target)) : null;
}
