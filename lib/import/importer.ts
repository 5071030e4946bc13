import type { Db } from "@/db/client";
import { readCsv } from "@/lib/events/csv";
import { readLines } from "@/lib/events/lines";
import type { EventRecord, EventType } from "@/lib/events/types";
import { validateRecord } from "@/lib/events/validate";
import { beginImport, upsertRecords } from "@/lib/queries/ingest";
import { bumpDataVersion, ensureWorkspace } from "@/lib/queries/workspaces";
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
  /** Called after every batch with the records read so far of the current source. */
  onProgress?: (progress: { source: string; records: number }) => void;
}

/** Records per transaction: large enough to amortise the commit, small enough to bound memory. */
const BATCH_SIZE = 5_000;

interface Candidate {
  line: number;
  value: unknown;
  fromText: boolean;
  parseError?: string;
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
  for await (const { line, text } of readLines(source.stream)) {
    if (text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { line, value: null, fromText: false, parseError: `not valid JSON (${(error as Error).message})` };
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
 * Imports event-format records (spec/events.md) into a workspace, creating it
 * when missing. Streams every source: memory holds one batch, never a file.
 * Valid lines are kept and bad ones listed, unless `strict`, which keeps nothing
 * when any line is rejected.
 */
export async function importSources(db: Db, options: ImportOptions): Promise<ImportSummary> {
  const summary = emptySummary();
  const unknown = new Set<string>();
  // Under --strict even the workspace's creation is undone when a line is rejected.
  const strict = options.strict ? await beginImport(db) : null;
  try {
    const workspace = await ensureWorkspace(db, options.workspace);
    for (const source of options.sources) {
      let batch: EventRecord[] = [];
      let seen = 0;
      const flush = async () => {
        if (batch.length === 0) return;
        await upsertRecords(db, workspace.id, batch);
        batch = [];
        options.onProgress?.({ source: source.name, records: seen });
      };
      for await (const c of candidates(source)) {
        seen++;
        const result = c.parseError
          ? { ok: false as const, reason: c.parseError, type: null }
          : validateRecord(c.value, { fromText: c.fromText });
        if (!result.ok) {
          summary.rejectedTotal++;
          const key = result.type ?? "unknown";
          summary.rejectedByType[key] = (summary.rejectedByType[key] ?? 0) + 1;
          if (summary.rejected.length < MAX_LISTED_REJECTIONS)
            summary.rejected.push({ file: source.name, line: c.line, reason: result.reason });
          continue;
        }
        const type = result.record.type;
        summary.imported[type] = (summary.imported[type] ?? 0) + 1;
        for (const field of result.unknownFields) unknown.add(`${type}.${field}`);
        batch.push(result.record);
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();
    }
    summary.unknownFields = [...unknown].sort();
    if (strict && summary.rejectedTotal > 0) {
      await strict.rollback();
      summary.rolledBack = true;
      return summary;
    }
    await bumpDataVersion(db, workspace.id);
    await strict?.commit();
    return summary;
  } catch (error) {
    await strict?.rollback();
    throw error;
  }
}
