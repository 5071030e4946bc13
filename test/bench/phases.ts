/** The in-process phases of the benchmark: writing the NDJSON file, the raw baselines, counting stored rows. */
import { mkdirSync, statSync } from "node:fs";
import { closeDatabase, openDatabase } from "@/db/client";
import { engineOf } from "@/db/store";
import { expectedCounts, generateWorkspace, shapeAt, type GenerateOptions } from "./generate";
import { NdjsonFileWriter } from "./ndjson";
import { CopyFileWriter, copyFiles } from "./raw-copy";
import { RawInserter } from "./raw-insert";
import { BENCH_RECORD_TYPES, RECORD_TYPES, totalOf, type RecordCounts } from "./records";

const PROGRESS_EVERY_MS = 3_000;

/** Calls `say` with a progress line at most every few seconds. */
function throttled(label: string, expected: number, say: (text: string) => void, extra: () => string = () => "") {
  const started = performance.now();
  let last = started;
  return (records: number) => {
    const now = performance.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    const rate = records / ((now - started) / 1000);
    say(
      `  ${label}: ${((100 * records) / expected).toFixed(0)}%, ${records.toLocaleString("en-US")} records, ${Math.round(rate).toLocaleString("en-US")}/s${extra()}`,
    );
  };
}

/** Generates the workspace into an NDJSON file. */
export function generateNdjson(
  options: Omit<GenerateOptions, "onProgress">,
  file: string,
  say: (text: string) => void,
) {
  const writer = new NdjsonFileWriter(file);
  const started = performance.now();
  const expected = expectedTotal(options.scale);
  const counts = generateWorkspace(
    {
      ...options,
      onProgress: throttled("generate", expected, say, () => `, ${(writer.bytes / 1024 / 1024).toFixed(0)} MB`),
    },
    writer,
  );
  const { bytes, sha256 } = writer.close();
  return { counts, records: totalOf(counts), bytes, sha256, ms: performance.now() - started };
}

function expectedTotal(scale: number): number {
  return totalOf(expectedCounts(shapeAt(scale)));
}

/** The raw baseline: the same rows, plain INSERTs, 5,000 a transaction, into a fresh database with the real schema. */
export async function insertRaw(
  options: Omit<GenerateOptions, "onProgress">,
  dbFile: string,
  workspace: string,
  say: (text: string) => void,
) {
  const db = await openDatabase(dbFile);
  const workspaceId = (await db.value<number>(
    "INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
    [workspace, workspace, Date.now()],
  ))!;
  const inserter = new RawInserter(db, workspaceId);
  const started = performance.now();
  generateWorkspace({ ...options, onProgress: throttled("raw insert", expectedTotal(options.scale), say) }, inserter);
  await inserter.finish();
  const wallMs = performance.now() - started;
  void closeDatabase(db);
  return { wallMs, sqliteMs: inserter.sqliteMs };
}

/**
 * The raw baseline on PostgreSQL: the same rows written as COPY text files
 * (one per table), then plain COPY into a freshly migrated database at `url`.
 * `storeMs` is the COPY alone; `wallMs` includes generating the files.
 */
export async function copyRaw(
  options: Omit<GenerateOptions, "onProgress">,
  url: string,
  workspace: string,
  dir: string,
  say: (text: string) => void,
) {
  const db = await openDatabase(url);
  const workspaceId = (await db.value<number>(
    "INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?) RETURNING id",
    [workspace, workspace, Date.now()],
  ))!;
  await closeDatabase(db);
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const writer = new CopyFileWriter(dir, workspaceId);
  generateWorkspace({ ...options, onProgress: throttled("raw COPY files", expectedTotal(options.scale), say) }, writer);
  const files = writer.close();
  say(`  COPY text files written in ${((performance.now() - started) / 1000).toFixed(1)} s; COPY into ${db.location}`);
  const storeMs = await copyFiles(url, files);
  return { wallMs: performance.now() - started, storeMs };
}

/** Bytes the store holds: a SQLite file with its WAL, or a PostgreSQL database (pg_database_size). */
export async function storeBytes(target: string): Promise<number> {
  if (engineOf(target) === "sqlite") {
    const size = (file: string) => {
      try {
        return statSync(file).size;
      } catch {
        return 0;
      }
    };
    return size(target) + size(`${target}-wal`);
  }
  const db = await openDatabase(target);
  try {
    return (await db.value<number>("SELECT pg_database_size(current_database())")) ?? 0;
  } finally {
    await closeDatabase(db);
  }
}

/** Rows per type stored for a workspace. */
export async function storedCounts(dbFile: string, workspace: string): Promise<RecordCounts> {
  const db = await openDatabase(dbFile);
  const id = (await db.value<number>("SELECT id FROM workspaces WHERE slug = ?", [workspace])) ?? null;
  const counts = {} as RecordCounts;
  for (const type of BENCH_RECORD_TYPES)
    counts[type] =
      (await db.value<number>(`SELECT count(*) FROM ${RECORD_TYPES[type].table} WHERE workspace_id = ?`, [id])) ?? 0;
  void closeDatabase(db);
  return counts;
}
