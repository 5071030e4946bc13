import { storeRecords } from "@/collectors/store";
import type { Db } from "@/db/client";
import type { Sql } from "@/db/store";
import type { EventRecord } from "@/lib/events/types";
import type { ImportSummary } from "@/lib/import/summary";
import { storedTimes } from "@/lib/queries/stored-times";

/** A webhook's records split by whether they may be written. */
export interface Freshness<T extends object = object> {
  fresh: T[];
  /** Why each record left out is older than what is stored. */
  stale: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How a record is named in a reason: its type and identity. */
function named(record: Record<string, unknown>): string {
  const key = record.type === "pull_request" ? `${record.repositoryId}#${record.number}` : String(record.id);
  return `${String(record.type)} ${key}`;
}

/**
 * Keeps a webhook delivery from overwriting newer state. A delivery id
 * guards against GitHub's own redeliveries only: a captured delivery resent
 * under a new id, or an old event arriving late, is judged by its own time
 * (`asOf`, the status change or the object's `updated_at`) against the
 * stored row's latest time (created, finished, merged, closed, resolved):
 * older means the row already says something newer, and the record is left
 * out. A repository row is never replaced by a creation event. Records the
 * store does not hold yet are always fresh. Judged inside the transaction
 * that writes the fresh ones (`tx`, after the workspace's lock: see
 * `keep` in lib/import/importer.ts), so no other delivery writes in between.
 */
export async function withoutStale<T extends object>(
  tx: Sql,
  workspaceId: number,
  records: readonly T[],
  asOf: string | undefined,
): Promise<Freshness<T>> {
  const eventTime = asOf === undefined ? Number.NaN : Date.parse(asOf);
  const result: Freshness<T> = { fresh: [], stale: [] };
  for (const record of records) {
    const fields = record as Record<string, unknown>;
    const stored = await storedTimes(tx, workspaceId, fields);
    if (stored.exists && fields.type === "repository")
      result.stale.push(`${named(fields)} is already stored; its creation event adds nothing newer`);
    else if (stored.exists && stored.latest !== null && Number.isFinite(eventTime) && eventTime < stored.latest)
      result.stale.push(
        `${named(fields)}: the event is of ${iso(eventTime)}, and what is stored already goes to ${iso(stored.latest)}`,
      );
    else result.fresh.push(record);
  }
  return result;
}

/** What storing a webhook's records left: the import's summary, and the records judged stale. */
export interface FreshStored {
  summary: ImportSummary;
  /** Why each record left out is older than what is stored. */
  stale: string[];
  /** Records written (the valid ones not stale). */
  written: number;
}

/**
 * Stores a webhook delivery's records, leaving out those older than what is
 * stored (`withoutStale`), judged in the transaction that writes the others,
 * after the workspace's lock: two deliveries of one record (two app
 * instances, or two requests in one) queue there, so the older one never
 * writes over the newer. `summary.imported` counts only the records written.
 */
export async function storeFresh(
  db: Db,
  workspace: { id: number; slug: string },
  source: string,
  records: readonly object[],
  asOf: string | undefined,
): Promise<FreshStored> {
  let stale: string[] = [];
  const leftOut: EventRecord[] = [];
  let written = 0;
  const summary = await storeRecords(db, workspace.slug, source, records, async (tx, batch) => {
    const judged = await withoutStale(tx, workspace.id, batch, asOf);
    // Assigned, not added to: a transaction tried again judges its batch again.
    stale = judged.stale;
    const fresh = new Set(judged.fresh);
    leftOut.length = 0;
    leftOut.push(...batch.filter((r) => !fresh.has(r)));
    written = judged.fresh.length;
    return judged.fresh;
  });
  for (const record of leftOut) {
    const left = (summary.imported[record.type] ?? 0) - 1;
    if (left > 0) summary.imported[record.type] = left;
    else delete summary.imported[record.type];
  }
  return { summary, stale, written };
}
