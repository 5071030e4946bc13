/**
 * The PostgreSQL bulk writer's shape and how to find it on a store, apart
 * from db/postgres.ts so that code asking "is there one?" on SQLite does not
 * load the PostgreSQL driver.
 */
import type { Param, Sql } from "./store";

/** What a bulk write can do inside its PostgreSQL transaction: the portable statements, and COPY. */
export interface PostgresBulkTx extends Sql {
  /**
   * Streams `rows` (values in `columns` order) into `table` with
   * `COPY … FROM STDIN` in this transaction: one round trip for any number of
   * rows, no statement to parse or plan per row.
   */
  copyIn(table: string, columns: readonly string[], rows: Iterable<readonly Param[]>): Promise<void>;
}

/** Runs `work` in one transaction that can COPY: committed when it resolves, rolled back when it throws. */
export type PostgresBulk = <T>(work: (tx: PostgresBulkTx) => Promise<T>) => Promise<T>;

export const BULK = Symbol.for("altimeter.postgres.bulk");

/**
 * The bulk writer of a PostgreSQL store, or undefined on SQLite: the fast path
 * for writing many rows (an import batch) with COPY instead of statements.
 */
export function postgresBulk(store: object): PostgresBulk | undefined {
  return (store as { [BULK]?: PostgresBulk })[BULK];
}
