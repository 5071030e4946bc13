import type { Db } from "@/db/client";
import type { Param, Sql } from "@/db/store";
import { lockWorkspaceWithin } from "./workspaces";

/**
 * Moves the workspace's data version in the transaction that changed its
 * records, so no app instance (of this process or another) can keep facts
 * cached under a version whose data changed (a crash between two separate
 * statements would leave the version behind).
 */
async function bumpWithin(tx: Sql, workspaceId: number): Promise<void> {
  await tx.exec("UPDATE workspaces SET data_version = data_version + 1 WHERE id = ?", [workspaceId]);
}

/** Rows per statement: well under both engines' caps on bound parameters. */
const SLICE = 200;

/**
 * Removes a repository's deployments whose id starts with a collector's
 * prefix (e.g. `git:acme/api:`) and that the source no longer yields: tags
 * deleted, or no longer matching a narrower `--tag-pattern`. Records from
 * other sources of the same repository keep their own prefixes and stay.
 * Returns how many were removed.
 */
export async function removeStaleDeployments(
  db: Db,
  workspaceId: number,
  repositoryId: string,
  idPrefix: string,
  keepIds: string[],
): Promise<number> {
  const keep = new Set(keepIds);
  const removed = await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    // substr, not LIKE: ids hold `_` and `%`, and LIKE ignores case (on SQLite).
    const candidates = await tx.rows<{ id: string }>(
      "SELECT id FROM deployments WHERE workspace_id = ? AND repository_id = ? AND substr(id, 1, CAST(? AS integer)) = ?",
      [workspaceId, repositoryId, idPrefix.length, idPrefix],
    );
    const stale = candidates.map((c) => c.id).filter((id) => !keep.has(id));
    let n = 0;
    // In slices: both engines cap the number of bound parameters of one statement.
    for (let i = 0; i < stale.length; i += SLICE) {
      const slice = stale.slice(i, i + SLICE);
      n += await tx.exec(
        `DELETE FROM deployments WHERE workspace_id = ? AND repository_id = ? AND id IN (${slice.map(() => "?").join(", ")})`,
        [workspaceId, repositoryId, ...slice],
      );
    }
    if (n > 0) await bumpWithin(tx, workspaceId);
    return n;
  });
  return removed;
}

/** Whether a team with this id exists in the workspace. */
export async function teamExists(db: Db, workspaceId: number, teamId: string): Promise<boolean> {
  return (await db.value("SELECT 1 FROM teams WHERE workspace_id = ? AND id = ?", [workspaceId, teamId])) !== undefined;
}

/**
 * Records what a collector's run yielded of one repository's pull requests.
 * After a complete read (`complete`), pull requests it recorded before and no
 * longer yields are removed, with their ownership; after an incremental read
 * the yielded ones are added. Pull requests of other sources are never
 * touched. Returns how many were removed.
 */
export async function reconcileOwnedPullRequests(
  db: Db,
  workspaceId: number,
  source: string,
  repositoryId: string,
  yielded: readonly number[],
  complete: boolean,
): Promise<number> {
  const removed = await db.atomic(async (tx) => {
    await lockWorkspaceWithin(tx, workspaceId);
    let n = 0;
    if (complete) {
      const keep = new Set(yielded.map(String));
      const before = await tx.rows<{ key: string }>(
        "SELECT key FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'pull_request'",
        [workspaceId, source, repositoryId],
      );
      for (const { key } of before) {
        if (keep.has(key)) continue;
        n += await tx.exec("DELETE FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND number = ?", [
          workspaceId,
          repositoryId,
          Number(key),
        ]);
        await tx.exec(
          "DELETE FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'pull_request' AND key = ?",
          [workspaceId, source, repositoryId, key],
        );
      }
    }
    for (let i = 0; i < yielded.length; i += SLICE) {
      const slice = yielded.slice(i, i + SLICE);
      const params: Param[] = [];
      for (const number of slice) params.push(workspaceId, source, repositoryId, String(number));
      await tx.exec(
        `INSERT INTO collected_records (workspace_id, source, repository_id, type, key)
         VALUES ${slice.map(() => "(?, ?, ?, 'pull_request', ?)").join(", ")}
         ON CONFLICT (workspace_id, source, repository_id, type, key) DO NOTHING`,
        params,
      );
    }
    if (n > 0) await bumpWithin(tx, workspaceId);
    return n;
  });
  return removed;
}

/** The default branch stored for a repository: undefined when the repository is not stored, null when unknown. */
export async function storedDefaultBranch(
  db: Db,
  workspaceId: number,
  repositoryId: string,
): Promise<string | null | undefined> {
  const row = await db.row<{ default_branch: string | null }>(
    "SELECT default_branch FROM repositories WHERE workspace_id = ? AND id = ?",
    [workspaceId, repositoryId],
  );
  return row === undefined ? undefined : row.default_branch;
}
