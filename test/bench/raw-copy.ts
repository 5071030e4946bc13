/**
 * The raw baseline on PostgreSQL: the generator's rows written as COPY text
 * (one file per table, streamed to disk in 1 MB writes), then each file sent
 * with plain `COPY table (columns) FROM STDIN` into a freshly migrated
 * database (the same tables and indexes as the import's). Only the COPY is
 * the baseline's time; what the importer costs beyond it is reading, parsing,
 * validating, staging and upserting. Kept apart from lib/queries/ingest.ts on
 * purpose: the baseline must not share code with what it measures.
 */
import { closeSync, createReadStream, openSync, writeSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { BENCH_RECORD_TYPES, RECORD_TYPES, type BenchRecordType, type RecordSink, type RecordValues } from "./records";

const CHUNK_CHARS = 1 << 20;

/** A value in COPY's text format: `\N` for null, backslash escapes for the separators. */
function copyText(v: string | number | boolean | null): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v)
    ? v.replaceAll("\\", "\\\\").replaceAll("\t", "\\t").replaceAll("\n", "\\n").replaceAll("\r", "\\r")
    : v;
}

/** A record sink writing each type's rows, workspace first, as COPY text to its own file. */
export class CopyFileWriter implements RecordSink {
  private readonly files = new Map<BenchRecordType, { fd: number; chunk: string; path: string }>();

  constructor(
    private readonly dir: string,
    private readonly workspaceId: number,
  ) {}

  write(type: BenchRecordType, values: RecordValues): void {
    let file = this.files.get(type);
    if (!file) {
      const name = path.join(this.dir, `${type}.copy`);
      file = { fd: openSync(name, "w"), chunk: "", path: name };
      this.files.set(type, file);
    }
    let line = String(this.workspaceId);
    for (const v of values) line += `\t${copyText(v)}`;
    file.chunk += `${line}\n`;
    if (file.chunk.length >= CHUNK_CHARS) this.flush(file);
  }

  private flush(file: { fd: number; chunk: string }): void {
    if (file.chunk.length === 0) return;
    const buffer = Buffer.from(file.chunk, "utf8");
    file.chunk = "";
    for (let offset = 0; offset < buffer.length; ) offset += writeSync(file.fd, buffer, offset);
  }

  /** Flushes and closes every file; the file of each type written, in generation order of types. */
  close(): Map<BenchRecordType, string> {
    const out = new Map<BenchRecordType, string>();
    for (const type of BENCH_RECORD_TYPES) {
      const file = this.files.get(type);
      if (!file) continue;
      this.flush(file);
      closeSync(file.fd);
      out.set(type, file.path);
    }
    return out;
  }
}

/** COPYs each file into its table over one connection, one transaction per table; milliseconds spent. */
export async function copyFiles(url: string, files: Map<BenchRecordType, string>): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const started = performance.now();
    for (const [type, file] of files) {
      const { table, fields } = RECORD_TYPES[type];
      const columns = ["workspace_id", ...fields.map((f) => f.column)].join(", ");
      const writable = await sql.unsafe(`COPY ${table} (${columns}) FROM STDIN`).writable();
      await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), writable);
    }
    return performance.now() - started;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
