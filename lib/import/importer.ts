import { appendFileSync, createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { readCsv } from "@/lib/events/csv";
import { readLines } from "@/lib/events/lines";
import type { EventRecord, EventType } from "@/lib/events/types";
import { validateRecord } from "@/lib/events/validate";
import { type KeepRecords, recordsPerTransaction, upsertRecords } from "@/lib/queries/ingest";
import { linkVersions, refreshLinksAfterImport } from "@/lib/queries/change-links";
import { ensureWorkspace, getWorkspace } from "@/lib/queries/workspaces";
import { yieldToOthers } from "@/lib/work";
import { emptySummary, MAX_LISTED_REJECTIONS, type ImportSummary } from "./summary";

/** One input of an import: its name (for rejections), its format and its bytes. */
export type ImportSource =
  | {
      name: string;
      format: "ndjson" | "csv";
      /** Required for CSV; for NDJSON it fills a missing `type` and refuses lines of another type. */
      type?: EventType;
      stream: AsyncIterable<Buffer | string>;
    }
  | {
      /** Event-format objects already decoded, as collectors and webhooks produce them; "line" is their position. */
      name: string;
      format: "objects";
      type?: undefined;
      records: AsyncIterable<unknown> | Iterable<unknown>;
    };

export interface ImportOptions {
  workspace: string;
  sources: ImportSource[];
  /** Import nothing when any line is rejected. */
  strict?: boolean;
  /** Create the workspace when it does not exist (default); false refuses with NotFoundError (HTTP callers). */
  createWorkspace?: boolean;
  /** Called after every batch with the records read so far of the current source. */
  onProgress?: (progress: { source: string; records: number }) => void;
  /** List at most this many rejected lines (default MAX_LISTED_REJECTIONS); the rest are counted. */
  maxListedRejections?: number;
  /**
   * Stop reading after this many rejected lines (default: never): what was
   * read before is kept (unless `strict`), and `summary.stopped` says where it
   * stopped. An API caller sending millions of bad lines gets its answer in
   * milliseconds instead of holding the server for their reasons.
   */
  maxRejections?: number;
  /**
   * Which of a batch's valid records to write, chosen inside the batch's write
   * transaction after the workspace's lock (a webhook leaves out records older
   * than what is stored): the stored rows it reads cannot change before the
   * write. Records left out are still counted in `imported`; the caller knows
   * which it left out.
   */
  keep?: KeepRecords;
}

/** Lines read between two yields to the event loop, so an import never starves the requests of the process it runs in. */
const LINES_PER_YIELD = 1_000;

/**
 * Records per transaction where the store asks for no other size (SQLite):
 * large enough to amortise the commit, small enough to bound memory and to
 * hold the write lock for tens of milliseconds only. Also the strict spool's
 * chunk. The store's own size: recordsPerTransaction (lib/queries/ingest.ts).
 */
export const BATCH_SIZE = 5_000;

/**
 * Writes an import's batches in order, one at a time, while the caller goes
 * on reading and checking the next: a store in another process (PostgreSQL)
 * stores one batch while this one parses the next. At most one batch is in
 * flight; a failed write surfaces at the next write or at `drain`. (On SQLite
 * a write runs to its end inside the call, so nothing overlaps there.)
 */
function batchWriter(
  db: Db,
  workspaceId: number,
  written: (batch: readonly EventRecord[]) => void,
  keep?: KeepRecords,
) {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    async write(batch: EventRecord[]): Promise<void> {
      await inFlight;
      inFlight = upsertRecords(db, workspaceId, batch, keep).then(written);
      // Observed by the next write or by drain; not an unhandled rejection meanwhile.
      inFlight.catch(() => {});
    },
    /** Waits for the last write; its failure is thrown here. */
    drain: () => inFlight,
    /** Waits for the last write when reading failed, leaving the reading's error to be thrown. */
    settle: () => inFlight.catch(() => {}),
  };
}

interface Candidate {
  line: number;
  value: unknown;
  fromText: boolean;
  parseError?: string;
}

/** Why a line with bytes that are not UTF-8 is refused, naming the fields that hold them. */
function notUtf8(value: unknown): string {
  const fields =
    value && typeof value === "object"
      ? Object.entries(value)
          .filter(([, v]) => typeof v === "string" && v.includes("\uFFFD"))
          .map(([k]) => k)
      : [];
  const where = fields.length > 0 ? `${fields.join(", ")} ${fields.length === 1 ? "is" : "are"}` : "the line is";
  return `${where} not valid UTF-8: bytes that are not UTF-8 would be read as U+FFFD, and two different values as one`;
}

async function* candidates(source: ImportSource): AsyncGenerator<Candidate> {
  if (source.format === "objects") {
    let line = 0;
    for await (const value of source.records) yield { line: ++line, value, fromText: false };
    return;
  }
  if (source.format === "csv") {
    for await (const row of readCsv(source.stream)) {
      if ("error" in row) yield { line: row.line, value: null, fromText: true, parseError: row.error };
      else yield { line: row.line, value: { type: source.type, ...row.cells }, fromText: true };
    }
    return;
  }
  for await (const { line, text, invalidUtf8 } of readLines(source.stream)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, value: null, fromText: false, parseError: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (invalidUtf8) {
      yield { line, value: null, fromText: false, parseError: notUtf8(value) };
      continue;
    }
    if (source.type && value && typeof value === "object" && !Array.isArray(value)) {
      const obj = value as Record<string, unknown>;
      if (obj.type === undefined || obj.type === null) obj.type = source.type;
      else if (obj.type !== source.type) {
        yield {
          line,
          value: null,
          fromText: false,
          parseError: `type ${JSON.stringify(obj.type)} does not match --type ${source.type}`,
        };
        continue;
      }
    }
    yield { line, value, fromText: false };
  }
}

/**
 * The candidates of a source, yielding to the event loop every
 * LINES_PER_YIELD lines, and ending after the line that makes `maxRejections`
 * (noted in `summary.stopped`).
 */
async function* checkedCandidates(
  source: ImportSource,
  summary: ImportSummary,
  maxRejections: number | undefined,
): AsyncGenerator<Candidate> {
  let n = 0;
  for await (const c of candidates(source)) {
    yield c;
    if (maxRejections !== undefined && summary.rejectedTotal >= maxRejections) {
      summary.stopped = `stopped reading at ${source.name} line ${c.line}: ${summary.rejectedTotal} lines were rejected (at most ${maxRejections} are checked); fix them and send the rest again`;
      return;
    }
    if (++n % LINES_PER_YIELD === 0) await yieldToOthers();
  }
}

/** The workspace an import writes to: created when missing, unless the caller may not create one. */
function targetWorkspace(db: Db, options: ImportOptions) {
  return options.createWorkspace === false
    ? getWorkspace(db, options.workspace)
    : ensureWorkspace(db, options.workspace);
}

/** Counts a candidate into the summary; the record when it is valid, else null. */
function check(
  c: Candidate,
  source: ImportSource,
  summary: ImportSummary,
  unknown: Set<string>,
  listed = MAX_LISTED_REJECTIONS,
): EventRecord | null {
  const result = c.parseError
    ? { ok: false as const, reason: c.parseError, type: null }
    : validateRecord(c.value, { fromText: c.fromText });
  if (!result.ok) {
    summary.rejectedTotal++;
    const key = result.type ?? "unknown";
    summary.rejectedByType[key] = (summary.rejectedByType[key] ?? 0) + 1;
    if (summary.rejected.length < listed)
      summary.rejected.push({ file: source.name, line: c.line, reason: result.reason });
    return null;
  }
  const type = result.record.type;
  summary.imported[type] = (summary.imported[type] ?? 0) + 1;
  for (const field of result.unknownFields) unknown.add(`${type}.${field}`);
  return result.record;
}

/**
 * Imports event-format records (spec/events.md) into a workspace, creating it
 * when missing. Streams every source: memory holds one batch, never a file.
 * Valid lines are kept and bad ones listed, unless `strict`, which keeps nothing
 * when any line is rejected. Every batch is its own short write transaction,
 * which also moves the workspace's data version, so the write lock is never
 * held for longer than one batch and the numbers shown never lag what is stored.
 */
export async function importSources(db: Db, options: ImportOptions): Promise<ImportSummary> {
  if (options.strict) return importStrictly(db, options);
  const summary = emptySummary();
  const unknown = new Set<string>();
  const workspace = await targetWorkspace(db, options);
  const links = await linkChanges(db, workspace.id);
  const batchSize = recordsPerTransaction(db);
  for (const source of options.sources) {
    let batch: EventRecord[] = [];
    let seen = 0;
    const writer = batchWriter(
      db,
      workspace.id,
      (written) => {
        links.wrote(written);
        options.onProgress?.({ source: source.name, records: seen });
      },
      options.keep,
    );
    const flush = async () => {
      if (batch.length === 0) return;
      const full = batch;
      batch = [];
      await writer.write(full);
    };
    try {
      for await (const c of checkedCandidates(source, summary, options.maxRejections)) {
        seen++;
        const record = check(c, source, summary, unknown, options.maxListedRejections);
        if (!record) continue;
        batch.push(record);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    } catch (error) {
      await writer.settle();
      throw error;
    }
    await writer.drain();
    if (summary.stopped) break;
  }
  await links.done();
  summary.unknownFields = [...unknown].sort();
  return summary;
}

/**
 * Keeps the commit-graph links (spec/metrics.md §2) current across an
 * import: notes which repositories the written batches touched and rebuilds
 * theirs at the end, so computing metrics never reads the graph.
 */
async function linkChanges(db: Db, workspaceId: number) {
  const before = await linkVersions(db, workspaceId);
  const touched = new Set<string>();
  let batches = 0;
  return {
    wrote(records: readonly EventRecord[]) {
      batches++;
      for (const r of records)
        if (r.type === "commit" || r.type === "pull_request" || r.type === "deployment") touched.add(r.repositoryId);
    },
    done: () => refreshLinksAfterImport(db, workspaceId, touched, before, batches),
  };
}

/**
 * `--strict`: every source is read and checked first, its valid records
 * spooled to a temporary file, and nothing (not even the workspace) is written
 * unless no line was rejected; then the spool is written in batches. One
 * transaction over the whole input held the write lock for as long as the
 * file took to read, so every other writer (the events API, a sync) failed.
 */
async function importStrictly(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const summary = emptySummary();
  const unknown = new Set<string>();
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-strict-"));
  const spool = path.join(dir, "records.ndjson");
  try {
    writeFileSync(spool, "");
    for (const source of options.sources) {
      let pending: string[] = [];
      for await (const c of checkedCandidates(source, summary, options.maxRejections)) {
        const record = check(c, source, summary, unknown, options.maxListedRejections);
        if (record) pending.push(JSON.stringify(record));
        if (pending.length >= BATCH_SIZE) {
          appendFileSync(spool, `${pending.join("\n")}\n`);
          pending = [];
        }
      }
      if (pending.length > 0) appendFileSync(spool, `${pending.join("\n")}\n`);
      if (summary.stopped) break;
    }
    summary.unknownFields = [...unknown].sort();
    if (summary.rejectedTotal > 0) {
      summary.rolledBack = true;
      return summary;
    }
    const workspace = await targetWorkspace(db, options);
    const links = await linkChanges(db, workspace.id);
    const batchSize = recordsPerTransaction(db);
    let written = 0;
    const writer = batchWriter(
      db,
      workspace.id,
      (done) => {
        links.wrote(done);
        written += done.length;
        options.onProgress?.({ source: "checked records", records: written });
      },
      options.keep,
    );
    let batch: EventRecord[] = [];
    try {
      for await (const { text } of readLines(createReadStream(spool))) {
        batch.push(JSON.parse(text) as EventRecord);
        if (batch.length >= batchSize) {
          await writer.write(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await writer.write(batch);
    } catch (error) {
      await writer.settle();
      throw error;
    }
    await writer.drain();
    await links.done();
    return summary;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
