import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { once } from "node:events";
import postgres from "postgres";
import * as schema from "./schema-pg";
import { BULK, type PostgresBulk, type PostgresBulkTx } from "./postgres-bulk";
import { bindable, numberedPlaceholders, type Param, type Row, type Sql, type Store, redactedLocation } from "./store";

/** The drizzle handle over the pool (better-auth's adapter; query functions use the store's statements). */
export type PostgresOrm = PostgresJsDatabase<typeof schema>;

/** Connections per process when the URL does not say (`?max=`). */
export const DEFAULT_POOL_SIZE = 10;

/**
 * The session-level lock every process takes before migrating, so that two
 * processes starting at once never both run the same migration: the second
 * waits, then finds nothing left to do. (An arbitrary constant: "altimeter".)
 */
const MIGRATION_LOCK = 0x616c74696d;

/** Parsed as JS numbers: counts (int8), sums and averages (numeric). Every value the store holds is below 2^53. */
const NUMBER_TYPES = {
  int8: { to: 20, from: [20], serialize: (x: unknown) => String(x), parse: (x: string) => Number(x) },
  numeric: { to: 1700, from: [1700], serialize: (x: unknown) => String(x), parse: (x: string) => Number(x) },
};

/**
 * Where a PostgreSQL store keeps its driver handles: a registered symbol on the
 * store itself, not a module's WeakMap, because a bundler may load this module
 * more than once (Next's server layers) and each copy must find them.
 */
const HANDLES = Symbol.for("altimeter.postgres.handles");
type Handles = { orm: PostgresOrm; client: postgres.Sql };
const handlesOf = (store: Store) => (store as { [HANDLES]?: Handles })[HANDLES];

/** The drizzle handle of a PostgreSQL store (for better-auth), or undefined on SQLite. */
export function postgresOrm(store: Store): PostgresOrm | undefined {
  return handlesOf(store)?.orm;
}

/** The postgres.js pool of a PostgreSQL store, for what only it can do (COPY, LISTEN), or undefined on SQLite. */
export function postgresClient(store: Store): postgres.Sql | undefined {
  return handlesOf(store)?.client;
}

function migrationsFolder(): string {
  const moduleDir = (() => {
    try {
      return path.dirname(fileURLToPath(import.meta.url));
    } catch {
      return null;
    }
  })();
  const sqliteFolder = process.env.ALTIMETER_MIGRATIONS;
  const candidates = [
    sqliteFolder && path.join(path.dirname(path.resolve(sqliteFolder)), "migrations-pg"),
    path.join(process.cwd(), "db", "migrations-pg"),
    moduleDir && path.join(moduleDir, "migrations-pg"),
  ];
  for (const candidate of candidates) {
    if (candidate && existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
  }
  throw new Error("cannot find db/migrations-pg: run Altimeter from its checkout");
}

/** Pool size from `?max=N` in the URL, else the default. */
function poolSize(url: URL): number {
  const asked = url.searchParams.get("max");
  if (asked === null) return DEFAULT_POOL_SIZE;
  const n = Number(asked);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new Error(`max=${asked} in the PostgreSQL URL is not a pool size (a whole number from 1 to 1000)`);
  }
  return n;
}

/** A value in COPY's text format: `\N` for null, backslash escapes for the separators, bytea as hex. */
function copyValue(v: Param): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof Uint8Array) return `\\\\x${Buffer.from(v).toString("hex")}`;
  return /[\\\t\n\r]/.test(v)
    ? v.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r")
    : v;
}

/** Characters of COPY text sent per write: large enough to amortise a write, small enough to bound memory. */
const COPY_CHUNK = 1 << 20;

async function copyInto(
  tx: postgres.TransactionSql,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly Param[]>,
): Promise<void> {
  const query = tx.unsafe(`COPY ${table} (${columns.join(", ")}) FROM STDIN`);
  // postgres.js resolves the query with the stream when the COPY starts and
  // destroys the stream when the server refuses a row while rows are still
  // sent, but an error that arrives after the last row (a bad value near the
  // end, a small COPY) only rejects the query, long resolved: it would wait for
  // ever. Hearing that rejection too (postgres.js 3.4's Query.reject) turns it
  // into this COPY's error.
  let refused: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    refused = reject;
  });
  failed.catch(() => {});
  const pending = query as unknown as { reject: (error: unknown) => void };
  const reject = pending.reject;
  pending.reject = (error) => {
    refused(error);
    reject(error);
  };
  const writable = await query.writable();
  writable.once("error", refused);
  const send = async (text: string) => {
    if (!writable.write(text)) await Promise.race([once(writable, "drain"), failed]);
  };
  let chunk = "";
  for (const row of rows) {
    let line = "";
    for (let i = 0; i < row.length; i++) line += (i === 0 ? "" : "\t") + copyValue(row[i]!);
    chunk += `${line}\n`;
    if (chunk.length >= COPY_CHUNK) {
      await send(chunk);
      chunk = "";
    }
  }
  if (chunk) await send(chunk);
  writable.end();
  await Promise.race([once(writable, "finish"), failed]);
}

/** The portable statements over a postgres.js pool or transaction. */
function statementsOver(sql: postgres.Sql | postgres.TransactionSql): Sql {
  const run = (text: string, params?: readonly Param[]) =>
    sql.unsafe(numberedPlaceholders(text), bindable(params) as postgres.ParameterOrJSON<never>[], { prepare: true });
  return {
    engine: "postgres",
    rows: async <T = Row>(text: string, params?: readonly Param[]) => (await run(text, params)) as unknown as T[],
    tuples: async (text: string, params?: readonly Param[]) => (await run(text, params).values()) as unknown[][],
    mapped: async <T>(text: string, params: readonly Param[], build: (tuple: unknown[]) => T) =>
      ((await run(text, params).values()) as unknown[][]).map(build),
    row: async <T = Row>(text: string, params?: readonly Param[]) => (await run(text, params))[0] as T | undefined,
    // A NULL in the first row is null, as on SQLite; undefined only when there is no row.
    value: async <T = unknown>(text: string, params?: readonly Param[]) => {
      const [first] = await run(text, params).values();
      return (first === undefined ? undefined : first[0]) as T | undefined;
    },
    exec: async (text: string, params?: readonly Param[]) => (await run(text, params)).count ?? 0,
    bytes: async (text: string, params?: readonly (string | number)[]) => {
      const stream = await sql
        .unsafe(`COPY (${withLiterals(text, params ?? [])}) TO STDOUT (FORMAT binary)`)
        .readable();
      // postgres.js pauses the socket when a chunk fills the stream's buffer and resumes it only when the
      // stream asks for more. Data that arrives before the stream is read (a small blob, with the server's
      // CopyDone and ReadyForQuery in the same packet) can end it while the socket is paused, and the
      // connection then never answers again: so it is asked for more once it has ended (its read() resumes
      // the socket). test/db/store.test.ts reads more times than the pool has connections.
      const chunks: Buffer[] = [];
      await new Promise<void>((resolve, reject) => {
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.once("end", resolve);
        stream.once("error", reject);
      });
      (stream as unknown as { _read(size: number): void })._read(0);
      return firstBinaryCopyValue(Buffer.concat(chunks));
    },
  };
}

/** `?` placeholders replaced by literals (numbers, and strings quoted), for a statement that takes no parameters. */
function withLiterals(text: string, params: readonly (string | number)[]): string {
  let n = 0;
  const out = numberedPlaceholders(text).replace(/\$(\d+)/g, (_, i: string) => {
    n = Number(i);
    const v = params[n - 1];
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "string" && !v.includes("\u0000")) return `'${v.replaceAll("'", "''")}'`;
    throw new Error(`parameter ${n} of a binary read must be a finite number or a string`);
  });
  if (n !== params.length) throw new Error(`a binary read takes ${n} parameters, not ${params.length}`);
  return out;
}

/** The first column of the first row of a binary COPY's output: undefined without a row or for NULL. */
function firstBinaryCopyValue(out: Buffer): Uint8Array | undefined {
  const SIGNATURE = "PGCOPY\n\xff\r\n\0";
  if (out.length < 19 || out.toString("latin1", 0, 11) !== SIGNATURE) throw new Error("not a binary COPY");
  let at = 19 + out.readInt32BE(15); // past the signature, the flags and the header extension
  const fields = out.readInt16BE(at);
  if (fields === -1) return undefined; // the trailer: no row
  at += 2;
  const length = out.readInt32BE(at);
  if (length === -1) return undefined;
  // A copy of its own, starting on an aligned offset (typed arrays over it need one).
  return Uint8Array.prototype.slice.call(out, at + 4, at + 4 + length);
}

/**
 * The shortest lock wait given to `busyTimeoutMs`. A waiting statement stalls nothing else
 * here (unlike better-sqlite3), and an import's transaction holds its workspace's lock for a
 * whole batch (recordsPerTransaction: 20,000 records, seconds on a loaded machine): the app
 * waits out a batch and fails as busy only behind a writer that is stuck.
 */
export const MIN_LOCK_WAIT_MS = 10_000;

/**
 * Opens and migrates the PostgreSQL store at `url` (`postgres://user:password@host:port/database`,
 * with `?max=N` for the pool size and `?sslmode=require` for TLS). Messages name the
 * server without the password. With `busyTimeoutMs` (the app's), a statement that waits
 * longer than that (at least MIN_LOCK_WAIT_MS) for another transaction's lock fails as busy
 * (lock_timeout, SQLSTATE 55P03), so a request answers 503 rather than hanging behind a
 * writer, as on SQLite.
 */
export async function openPostgres(url: string, options: { busyTimeoutMs?: number } = {}): Promise<Store> {
  const location = redactedLocation(url);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${location}: not a valid PostgreSQL connection string`);
  }
  const max = poolSize(parsed);
  parsed.searchParams.delete("max");
  const client = postgres(parsed.toString(), {
    max,
    types: NUMBER_TYPES,
    onnotice: () => {},
    connection: {
      application_name: "altimeter",
      ...(options.busyTimeoutMs === undefined
        ? {}
        : { lock_timeout: Math.max(MIN_LOCK_WAIT_MS, Math.trunc(options.busyTimeoutMs)) }),
    },
  });
  try {
    const lock = await client.reserve();
    try {
      // Waiting for another process's migration is not a busy store: no lock timeout here.
      await lock`set lock_timeout = 0`;
      await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
      const orm = drizzle(client, { schema });
      await migrate(orm, { migrationsFolder: migrationsFolder() });
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      await lock`reset lock_timeout`;
    } finally {
      lock.release();
    }
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new Error(`cannot open the PostgreSQL store at ${location}: ${describe(error, parsed.password)}`);
  }

  const orm = drizzle(client, { schema });
  const statements = statementsOver(client);
  const store: Store & { [BULK]: PostgresBulk } = {
    ...statements,
    location,
    atomic: <T>(work: (tx: Sql) => Promise<T>) => client.begin((tx) => work(statementsOver(tx))) as Promise<T>,
    [BULK]: <T>(work: (tx: PostgresBulkTx) => Promise<T>) =>
      client.begin((tx) =>
        work({
          ...statementsOver(tx),
          copyIn: (table, columns, rows) => copyInto(tx, table, columns, rows),
        }),
      ) as Promise<T>,
    async close() {
      await client.end({ timeout: 5 });
    },
  };
  Object.defineProperty(store, HANDLES, { value: { orm, client } satisfies Handles });
  return store;
}

/** An error's message (never its cause, which may hold the connection options), the password masked. */
function describe(error: unknown, password: string): string {
  let text = String(error);
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    text = code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return password ? text.replaceAll(password, "***").replaceAll(decodeURIComponent(password), "***") : text;
}
