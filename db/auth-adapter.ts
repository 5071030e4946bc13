import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type { Db, SqliteOrm } from "./client";
import * as postgresModule from "./postgres";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";
import type { Store } from "./store";

/** What better-auth takes as its `database` option. */
export type AuthDatabase = ReturnType<typeof drizzleAdapter>;

/** The drizzle handle a PostgreSQL store keeps over its pool, for better-auth (db/postgres.ts `postgresOrm`). */
export type PostgresAuthOrm = PostgresJsDatabase<typeof pgSchema>;

/** better-auth's models mapped onto the tables of one engine's schema (the same names on both). */
const tablesOf = (s: typeof sqliteSchema | typeof pgSchema) => ({
  user: s.authUsers,
  session: s.authSessions,
  account: s.authAccounts,
  verification: s.authVerifications,
  rateLimit: s.authRateLimits,
});

/**
 * better-auth's database over the store: drizzle's adapter on the store's own
 * connection, with the schema of its engine ("sqlite" with db/schema, "pg"
 * with db/schema-pg). Only db/ knows which one it is; lib/auth hands its
 * store over.
 */
export function authDatabase(db: Db | Store): AuthDatabase {
  if (db.engine === "postgres") {
    const orm = postgresOrmOf(db);
    if (!orm) throw new Error(`accounts and sessions cannot be kept yet in the PostgreSQL store at ${db.location}`);
    return drizzleAdapter(orm, { provider: "pg", schema: tablesOf(pgSchema) });
  }
  // On SQLite the store is the drizzle handle itself (db/client.ts, openSqlite).
  return drizzleAdapter(db as SqliteOrm, { provider: "sqlite", schema: tablesOf(sqliteSchema) });
}

/**
 * The hook to db/postgres.ts: its `postgresOrm(store)`, the drizzle handle it
 * keeps per store. Looked up by name so this file builds before and after the
 * PostgreSQL store arrives; undefined while this build has none.
 */
function postgresOrmOf(db: Store): PostgresAuthOrm | undefined {
  const lookup = (postgresModule as { postgresOrm?: (store: Store) => PostgresAuthOrm | undefined }).postgresOrm;
  return lookup?.(db);
}
