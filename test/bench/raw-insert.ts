/**
 * The raw baseline: the generator's rows bound straight into plain INSERT
 * statements, 5,000 to a transaction, on the same schema (same tables and
 * indexes, from the real migrations). What the importer costs beyond this is
 * reading, parsing, validating and upserting.
 */
import type { Statement } from "better-sqlite3";
import type { Db } from "@/db/client";
import { BENCH_RECORD_TYPES, RECORD_TYPES, type BenchRecordType, type RecordSink, type RecordValues } from "./records";

const TRANSACTION_ROWS = 5_000;

/** Plain INSERT of a type, workspace first, then its columns in field order. */
export function insertSql(type: BenchRecordType): string {
  const { table, fields } = RECORD_TYPES[type];
  const columns = ["workspace_id", ...fields.map((f) => f.column)];
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

/** A record sink inserting into a workspace; time spent inside SQLite is counted apart from generating. */
export class RawInserter implements RecordSink {
  private readonly statements: Map<BenchRecordType, Statement>;
  private readonly pending: [Statement, unknown[]][] = [];
  private readonly insertBatch: (rows: [Statement, unknown[]][]) => void;
  /** Milliseconds spent running the transactions. */
  sqliteMs = 0;

  constructor(
    db: Db,
    private readonly workspaceId: number,
  ) {
    const c = db.$client;
    this.statements = new Map(BENCH_RECORD_TYPES.map((t) => [t, c.prepare(insertSql(t))]));
    this.insertBatch = c.transaction((rows: [Statement, unknown[]][]) => {
      for (const [stmt, params] of rows) stmt.run(params);
    });
  }

  write(type: BenchRecordType, values: RecordValues): void {
    const params: unknown[] = [this.workspaceId];
    for (const v of values) params.push(typeof v === "boolean" ? (v ? 1 : 0) : v);
    this.pending.push([this.statements.get(type)!, params]);
    if (this.pending.length >= TRANSACTION_ROWS) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const started = performance.now();
    this.insertBatch(this.pending);
    this.sqliteMs += performance.now() - started;
    this.pending.length = 0;
  }
}
