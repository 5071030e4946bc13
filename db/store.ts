/**
 * The store every query function takes, on either engine: SQLite (embedded,
 * the default) or PostgreSQL (a shared server). Query functions in
 * `lib/queries` write plain SQL once with `?` placeholders where the two
 * dialects agree, and branch on `engine` only where they must not (bulk
 * load, large metric reads, JSON lists). Nothing outside `db/` and
 * `lib/queries/` looks inside a store.
 */
export type Engine = "sqlite" | "postgres";

/** One result row, keyed by column name (snake_case, as selected). */
export type Row = Record<string, unknown>;

/** A value a placeholder can take: booleans are stored as 0/1 on both engines. */
export type Param = string | number | bigint | boolean | null | Uint8Array;

/** The statements both engines run, inside or outside a transaction. */
export interface Sql {
  readonly engine: Engine;
  /** Every row of a query, as objects. */
  rows<T = Row>(text: string, params?: readonly Param[]): Promise<T[]>;
  /** Every row of a query, as arrays in select order (the cheap shape for large reads). */
  tuples(text: string, params?: readonly Param[]): Promise<unknown[][]>;
  /**
   * Every row of a query as an array in select order, each turned into a `T` by
   * `build` (the shape for the largest reads: on SQLite no array of all raw rows
   * is held beside the result).
   */
  mapped<T>(text: string, params: readonly Param[], build: (tuple: unknown[]) => T): Promise<T[]>;
  /** The first row of a query, or undefined. */
  row<T = Row>(text: string, params?: readonly Param[]): Promise<T | undefined>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(text: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a statement; the number of rows it changed. */
  exec(text: string, params?: readonly Param[]): Promise<number>;
  /**
   * The first column of the first row, a BLOB or bytea, read the fastest way
   * the engine has (undefined without a row or for NULL). PostgreSQL sends a
   * bytea as hex text, twice its size and decoded here (a 33 MB snapshot took
   * ~400 ms), unless asked for by a binary COPY (~60 ms). Parameters must be
   * numbers or strings: PostgreSQL's COPY takes none, so they are written into
   * the statement as literals.
   */
  bytes(text: string, params?: readonly (string | number)[]): Promise<Uint8Array | undefined>;
}

/** A store: statements, transactions, and the way to close it. */
export interface Store extends Sql {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back
   * when it throws. On SQLite the write lock is taken at the start
   * (IMMEDIATE), so two writers queue instead of deadlocking; other
   * statements of this process wait for the transaction to end.
   */
  atomic<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  /** Where the store is, safe to print: a file path, or a URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, …`, leaving quoted text and identifiers alone. */
export function numberedPlaceholders(text: string): string {
  let out = "";
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === "?") {
      n += 1;
      out += `$${n}`;
    } else out += ch;
  }
  return out;
}

/** Bound values as both engines store them: booleans as 0/1. */
export function bindable(params: readonly Param[] | undefined): Param[] {
  if (!params) return [];
  return params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
}

/** A connection string names PostgreSQL; anything else is a SQLite file path. */
export function engineOf(target: string): Engine {
  return /^postgres(ql)?:\/\//i.test(target) ? "postgres" : "sqlite";
}

/** A connection string without its password, for messages and logs. */
export function redactedLocation(target: string): string {
  if (engineOf(target) === "sqlite") return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = "***";
    url.search = "";
    return url.toString();
  } catch {
    return "postgres://(unparsable connection string)";
  }
}
