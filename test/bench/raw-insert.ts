/**
 * The raw baseline: the generator's rows bound straight into plain INSERT
 * statements, 5,000 to a transaction, on the same schema (same tables and
 * indexes, from the real migrations). What the importer costs beyond this is
 * reading, parsing, validating and upserting.
 */
import type { Db } from "@/db/client";
import { type SqliteBulk, sqliteBulk } from "@/db/sqlite";
import type { Param } from "@/db/store";
import { BENCH_RECORD_TYPES, RECORD_TYPES, type BenchRecordType, type RecordSink, type RecordValues } from "./records";

const TRANSACTION_ROWS = 5_000;

/** Plain INSERT of a type, workspace first, then its columns in field order. */
export function insertSql(type: BenchRecordType): string {
  const { table, fields } = RECORD_TYPES[type];
  const columns = ["workspace_id", ...fields.map((f) => f.column)];
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
}

const INSERT = Object.fromEntries(BENCH_RECORD_TYPES.map((t) => [t, insertSql(t)])) as Record<BenchRecordType, string>;

/** A record sink inserting into a workspace; time spent inside SQLite is counted apart from generating. */
export class RawInserter implements RecordSink {
  private readonly bulk: SqliteBulk;
  private readonly pending: [string, Param[]][] = [];
  private failure: unknown = null;
  /** Milliseconds spent running the transactions. */
  sqliteMs = 0;

  constructor(
    db: Db,
    private readonly workspaceId: number,
  ) {
    const bulk = sqliteBulk(db);
    if (!bulk) throw new Error(`the raw insert baseline runs on SQLite; ${db.location} is ${db.engine}`);
    this.bulk = bulk;
  }

  write(type: BenchRecordType, values: RecordValues): void {
    const params: Param[] = [this.workspaceId];
    for (const v of values) params.push(typeof v === "boolean" ? (v ? 1 : 0) : (v as Param));
    this.pending.push([INSERT[type], params]);
    if (this.pending.length >= TRANSACTION_ROWS) void this.flush();
  }

  /**
   * Writes what is pending in one transaction. Nothing else uses the store
   * meanwhile, so the bulk writer runs at once, inside this call: the
   * generator (which cannot await) never runs ahead of the inserts.
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending.splice(0);
    const started = performance.now();
    const written = this.bulk((run) => {
      for (const [text, params] of rows) run(text, params);
    });
    this.sqliteMs += performance.now() - started;
    await written.catch((error: unknown) => {
      this.failure ??= error;
    });
  }

  /** Writes the rest; throws the first failure of any transaction. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.failure) throw this.failure;
  }
}
