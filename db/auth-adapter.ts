import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { type Db, sqliteOrm } from "./client";
import { postgresOrm } from "./postgres";
import * as sqliteSchema from "./schema";
import * as pgSchema from "./schema-pg";
import type { Store } from "./store";

/** What better-auth takes as its `database` option. */
export type AuthDatabase = ReturnType<typeof drizzleAdapter>;

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
    // The drizzle handle db/postgres.ts keeps over the store's pool.
    const orm = postgresOrm(db);
    if (!orm) throw new Error(`the PostgreSQL store at ${db.location} has no drizzle handle for accounts`);
    return drizzleAdapter(orm, { provider: "pg", schema: tablesOf(pgSchema) });
  }
  // The drizzle handle db/client.ts keeps over the store's connection.
  const orm = sqliteOrm(db);
  if (!orm) throw new Error(`the SQLite store at ${db.location} has no drizzle handle for accounts`);
  return drizzleAdapter(orm, { provider: "sqlite", schema: tablesOf(sqliteSchema) });
}
