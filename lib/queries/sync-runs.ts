import type { Db } from "@/db/client";
import type { SyncRun } from "@/db/schema";
import type { Param } from "@/db/store";

export type { SyncRun };

/** How a sync run ended; `running` until it does (or forever, when the process was killed). */
export type SyncRunStatus = "running" | "ok" | "partial" | "failed";

/** Records the start of one source's sync; returns the run's id. */
export async function startSyncRun(db: Db, workspaceId: number, source: string, startedAt: number): Promise<number> {
  const id = await db.value<number>(
    "INSERT INTO sync_runs (workspace_id, source, started_at, status) VALUES (?, ?, ?, 'running') RETURNING id",
    [workspaceId, source, startedAt],
  );
  return Number(id);
}

/** Records how a run ended and its summary (records, failures, requests). */
export async function finishSyncRun(
  db: Db,
  id: number,
  status: Exclude<SyncRunStatus, "running">,
  summary: Record<string, unknown>,
  finishedAt: number,
): Promise<void> {
  await db.exec("UPDATE sync_runs SET status = ?, summary = ?, finished_at = ? WHERE id = ?", [
    status,
    JSON.stringify(summary),
    finishedAt,
    id,
  ]);
}

interface SyncRunRow {
  id: number;
  workspace_id: number;
  source: string;
  started_at: number;
  finished_at: number | null;
  status: string;
  summary: string | null;
}

/** The latest runs of a workspace, newest first, optionally of one source. */
export async function listSyncRuns(
  db: Db,
  workspaceId: number,
  options: { source?: string; limit?: number } = {},
): Promise<SyncRun[]> {
  const params: Param[] = [workspaceId];
  let where = "workspace_id = ?";
  if (options.source) {
    where += " AND source = ?";
    params.push(options.source);
  }
  const rows = await db.rows<SyncRunRow>(
    `SELECT id, workspace_id, source, started_at, finished_at, status, summary FROM sync_runs
     WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT ?`,
    [...params, options.limit ?? 50],
  );
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    source: r.source,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status,
    summary: r.summary === null ? null : (JSON.parse(r.summary) as Record<string, unknown>),
  }));
}
