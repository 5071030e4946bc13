import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns, type SyncRun } from "@/db/schema";

export type { SyncRun };

/** How a sync run ended; `running` until it does (or forever, when the process was killed). */
export type SyncRunStatus = "running" | "ok" | "partial" | "failed";

/** Records the start of one source's sync; returns the run's id. */
export async function startSyncRun(db: Db, workspaceId: number, source: string, startedAt: number): Promise<number> {
  const row = db
    .insert(syncRuns)
    .values({ workspaceId, source, startedAt, status: "running" })
    .returning({ id: syncRuns.id })
    .get();
  return row.id;
}

/** Records how a run ended and its summary (records, failures, requests). */
export async function finishSyncRun(
  db: Db,
  id: number,
  status: Exclude<SyncRunStatus, "running">,
  summary: Record<string, unknown>,
  finishedAt: number,
): Promise<void> {
  db.update(syncRuns).set({ status, summary, finishedAt }).where(eq(syncRuns.id, id)).run();
}

/** The latest runs of a workspace, newest first, optionally of one source. */
export async function listSyncRuns(
  db: Db,
  workspaceId: number,
  options: { source?: string; limit?: number } = {},
): Promise<SyncRun[]> {
  const where = options.source
    ? and(eq(syncRuns.workspaceId, workspaceId), eq(syncRuns.source, options.source))
    : eq(syncRuns.workspaceId, workspaceId);
  return db
    .select()
    .from(syncRuns)
    .where(where)
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(options.limit ?? 50)
    .all();
}
