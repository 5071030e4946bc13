import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import { bindable, type Param, type Row, type Sql, type Store } from "./store";

/** Prepared statements kept per connection; past this many the oldest are dropped. */
const STATEMENT_CACHE = 500;

/**
 * Runs `work` synchronously in one IMMEDIATE transaction, `run(text, params)`
 * executing over the connection's cached prepared statements (returning the
 * rows changed): committed when `work` returns, rolled back when it throws.
 */
export type SqliteBulk = (work: (run: (text: string, params: readonly Param[]) => number) => void) => Promise<void>;

const BULK = Symbol.for("altimeter.sqlite.bulk");

/**
 * The bulk writer of a SQLite store, or undefined on PostgreSQL: the fast
 * path for writing many rows (an import batch), where an await per row would
 * cost more than SQLite spends storing it.
 */
export function sqliteBulk(store: object): SqliteBulk | undefined {
  return (store as { [BULK]?: SqliteBulk })[BULK];
}

/**
 * The portable statements over one better-sqlite3 connection. The driver is
 * synchronous; the async surface lets the same query functions run on
 * PostgreSQL. While a transaction awaits inside `atomic`, the connection's
 * other statements wait for it, so no unrelated write joins (or is rolled
 * back with) somebody else's transaction.
 */
export function sqliteStore(client: Database.Database, location: string): Store {
  const cache = new Map<string, Statement>();
  const prepare = (text: string): Statement => {
    let stmt = cache.get(text);
    if (!stmt) {
      stmt = client.prepare(text);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(text, stmt);
    }
    return stmt;
  };

  const run = (text: string, params?: readonly Param[]) => prepare(text).run(...bindable(params)).changes;

  const statements: Sql = {
    engine: "sqlite",
    rows: async <T = Row>(text: string, params?: readonly Param[]) => prepare(text).all(...bindable(params)) as T[],
    tuples: async (text: string, params?: readonly Param[]) =>
      prepare(text)
        .raw(true)
        .all(...bindable(params)) as unknown[][],
    mapped: async <T>(text: string, params: readonly Param[], build: (tuple: unknown[]) => T) => {
      const out: T[] = [];
      for (const tuple of prepare(text)
        .raw(true)
        .iterate(...bindable(params)) as Iterable<unknown[]>)
        out.push(build(tuple));
      return out;
    },
    row: async <T = Row>(text: string, params?: readonly Param[]) =>
      prepare(text).get(...bindable(params)) as T | undefined,
    value: async <T = unknown>(text: string, params?: readonly Param[]) => {
      const first = prepare(text)
        .raw(true)
        .get(...bindable(params)) as unknown[] | undefined;
      return first?.[0] as T | undefined;
    },
    exec: async (text: string, params?: readonly Param[]) => run(text, params),
    bytes: async (text: string, params?: readonly (string | number)[]) => {
      const first = prepare(text)
        .raw(true)
        .get(...bindable(params)) as unknown[] | undefined;
      return (first?.[0] ?? undefined) as Uint8Array | undefined;
    },
  };

  let active: Promise<void> | null = null;
  // Callers loop on `active` themselves rather than awaiting a helper: the
  // code after the loop must run in the same turn as the check that found no
  // transaction, or two waiters woken together both begin one.
  const waiting =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      while (active !== null) await active;
      return run(...args);
    };

  const store: Store & { [BULK]: SqliteBulk } = {
    engine: "sqlite",
    location,
    rows: waiting(statements.rows) as Sql["rows"],
    tuples: waiting(statements.tuples),
    mapped: waiting(statements.mapped) as Sql["mapped"],
    row: waiting(statements.row) as Sql["row"],
    value: waiting(statements.value) as Sql["value"],
    exec: waiting(statements.exec),
    bytes: waiting(statements.bytes),
    async atomic<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
      while (active !== null) await active;
      let release = () => {};
      active = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        client.exec("BEGIN IMMEDIATE");
        try {
          const result = await work(statements);
          client.exec("COMMIT");
          return result;
        } catch (error) {
          if (client.inTransaction) client.exec("ROLLBACK");
          throw error;
        }
      } finally {
        active = null;
        release();
      }
    },
    [BULK]: async (work: Parameters<SqliteBulk>[0]) => {
      while (active !== null) await active;
      client.transaction(() => work(run)).immediate();
    },
    async close() {
      while (active !== null) await active;
      cache.clear();
      if (client.open) client.close();
    },
  };
  return store;
}
