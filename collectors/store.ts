import type { Db } from "@/db/client";
import { importSources } from "@/lib/import/importer";
import type { ImportSummary } from "@/lib/import/summary";
import type { KeepRecords } from "@/lib/queries/ingest";

/**
 * Stores event-format objects produced by a collector or webhook through the
 * importer: the same validation and idempotent upserts as `altimeter import`.
 * A rejected record is a mapping bug, reported in the summary, never dropped silently.
 * `keep` chooses, inside each write transaction, which valid records are written.
 */
export async function storeRecords(
  db: Db,
  workspace: string,
  source: string,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  keep?: KeepRecords,
): Promise<ImportSummary> {
  return importSources(db, { workspace, sources: [{ name: source, format: "objects", records }], keep });
}
