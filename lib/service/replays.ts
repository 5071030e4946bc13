import type { Db } from "@/db/client";
import { storedTimes } from "@/lib/queries/stored-times";

/** A webhook's records split by whether they may be written. */
export interface Freshness {
  fresh: object[];
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
 * store does not hold yet are always fresh.
 */
export async function withoutStale(
  db: Db,
  workspaceId: number,
  records: readonly object[],
  asOf: string | undefined,
): Promise<Freshness> {
  const eventTime = asOf === undefined ? Number.NaN : Date.parse(asOf);
  const result: Freshness = { fresh: [], stale: [] };
  for (const record of records) {
    const fields = record as Record<string, unknown>;
    const stored = await storedTimes(db, workspaceId, fields);
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
