import type { Db } from "@/db/client";

/** Which report: a workspace's, or one team's (`scope` = team id), over a window, at a data version, by an engine. */
export interface StoredReportKey {
  workspaceId: number;
  scope: string;
  from: string;
  to: string;
  dataVersion: number;
  revision: string;
}

/** Rows kept per workspace at one data version; past it the workspace's rows start afresh. */
const KEEP = 2_000;

/** The stored report's JSON for exactly this key, or null. */
export async function readStoredReport(db: Db, k: StoredReportKey): Promise<string | null> {
  const report = await db.value<string>(
    "SELECT report FROM metric_reports WHERE workspace_id = ? AND scope = ? AND window_from = ? AND window_to = ? AND data_version = ? AND revision = ?",
    [k.workspaceId, k.scope, k.from, k.to, k.dataVersion, k.revision],
  );
  return report ?? null;
}

/**
 * Stores a report computed at `k.dataVersion`, unless the workspace has moved
 * past that version meanwhile, and drops the workspace's reports of any other
 * version (they can never answer again).
 */
export async function storeReport(db: Db, k: StoredReportKey, json: string): Promise<void> {
  await db.atomic(async (tx) => {
    const current = await tx.value("SELECT data_version FROM workspaces WHERE id = ?", [k.workspaceId]);
    if (Number(current) !== k.dataVersion) return;
    await tx.exec("DELETE FROM metric_reports WHERE workspace_id = ? AND data_version <> ?", [
      k.workspaceId,
      k.dataVersion,
    ]);
    const kept = await tx.value("SELECT COUNT(*) FROM metric_reports WHERE workspace_id = ?", [k.workspaceId]);
    if (Number(kept) >= KEEP) await tx.exec("DELETE FROM metric_reports WHERE workspace_id = ?", [k.workspaceId]);
    await tx.exec(
      `INSERT INTO metric_reports (workspace_id, scope, window_from, window_to, data_version, revision, report)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (workspace_id, scope, window_from, window_to)
       DO UPDATE SET data_version = excluded.data_version, revision = excluded.revision, report = excluded.report`,
      [k.workspaceId, k.scope, k.from, k.to, k.dataVersion, k.revision, json],
    );
  });
}
