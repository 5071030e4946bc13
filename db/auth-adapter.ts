import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Db, SqliteOrm } from "./client";
import { authAccounts, authRateLimits, authSessions, authUsers, authVerifications } from "./schema";
import type { Store } from "./store";

/** What better-auth takes as its `database` option. */
export type AuthDatabase = ReturnType<typeof drizzleAdapter>;

/** better-auth's models mapped onto the store's tables (the same names on both engines). */
const sqliteTables = {
  user: authUsers,
  session: authSessions,
  account: authAccounts,
  verification: authVerifications,
  rateLimit: authRateLimits,
};

/**
 * better-auth's database over the store: drizzle's adapter on the store's own
 * connection, with the schema of its engine. Only db/ knows which one it is;
 * lib/auth just hands its store over.
 */
export function authDatabase(db: Db | Store): AuthDatabase {
  if (db.engine === "postgres") return postgresAuthDatabase(db);
  // On SQLite the store is the drizzle handle (db/client.ts openSqlite).
  return drizzleAdapter(db as SqliteOrm, { provider: "sqlite", schema: sqliteTables });
}

/**
 * The PostgreSQL side: drizzle's adapter with provider "pg", db/schema-pg's
 * tables and the drizzle handle db/postgres.ts keeps for the pool. Until that
 * handle is in this build, accounts cannot live on PostgreSQL.
 */
function postgresAuthDatabase(db: Store): AuthDatabase {
  throw new Error(`accounts and sessions are not yet available on the PostgreSQL store at ${db.location}`);
}
