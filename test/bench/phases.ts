/** The in-process phases of the benchmark: writing the NDJSON file, the raw baseline, counting stored rows. */
import { closeDatabase, openDatabase } from "@/db/client";
import { expectedCounts, generateWorkspace, shapeAt, type GenerateOptions } from "./generate";
import { NdjsonFileWriter } from "./ndjson";
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
