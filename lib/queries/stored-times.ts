import type { Sql } from "@/db/store";

/** What the store holds of a record a webhook is about to write: whether it exists, and its latest timestamp. */
export interface StoredTimes {
  exists: boolean;
  /** The latest of the row's own times (created, finished, merged, closed, resolved…), UTC ms; null without a row. */
  latest: number | null;
}

/** Per type a webhook writes: the row's times, by the record's identity. Plain SQL both engines read alike. */
const LOOKUPS: Record<string, { sql: string; key: (r: Record<string, unknown>) => (string | number)[] }> = {
  deployment: {
    sql: "SELECT created_at AS t1, finished_at AS t2 FROM deployments WHERE workspace_id = ? AND id = ?",
    key: (r) => [String(r.id)],
  },
  ci_run: {
    sql: "SELECT started_at AS t1, finished_at AS t2 FROM ci_runs WHERE workspace_id = ? AND id = ?",
    key: (r) => [String(r.id)],
  },
  incident: {
    sql: "SELECT opened_at AS t1, resolved_at AS t2 FROM incidents WHERE workspace_id = ? AND id = ?",
    key: (r) => [String(r.id)],
  },
  pull_request: {
    sql: "SELECT created_at AS t1, merged_at AS t2, closed_at AS t3 FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND number = ?",
    key: (r) => [String(r.repositoryId), Number(r.number)],
  },
  repository: {
    sql: "SELECT created_at AS t1 FROM repositories WHERE workspace_id = ? AND id = ?",
    key: (r) => [String(r.id)],
  },
};

/**
 * The stored row a webhook record would replace, by the record's identity
 * (event-format fields: `type`, `id`, or `repositoryId` and `number`).
 * Types webhooks do not write answer "no row".
 */
export async function storedTimes(db: Sql, workspaceId: number, record: Record<string, unknown>): Promise<StoredTimes> {
  const lookup = LOOKUPS[String(record.type)];
  if (!lookup) return { exists: false, latest: null };
  const row = await db.row(lookup.sql, [workspaceId, ...lookup.key(record)]);
  if (!row) return { exists: false, latest: null };
  const times = Object.values(row)
    .filter((t) => t !== null && t !== undefined)
    .map(Number)
    .filter(Number.isFinite);
  return { exists: true, latest: times.length ? Math.max(...times) : null };
}
