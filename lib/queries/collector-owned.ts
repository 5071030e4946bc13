import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { collectedRecords, deployments, teams } from "@/db/schema";
import { bumpDataVersion } from "./workspaces";

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
  const removed = db
    .delete(deployments)
    .where(
      and(
        eq(deployments.workspaceId, workspaceId),
        eq(deployments.repositoryId, repositoryId),
        // substr, not LIKE: ids hold `_` and `%`, and LIKE ignores case.
        sql`substr(${deployments.id}, 1, ${idPrefix.length}) = ${idPrefix}`,
        ...(keepIds.length > 0 ? [notInArray(deployments.id, keepIds)] : []),
      ),
    )
    .run().changes;
  if (removed > 0) await bumpDataVersion(db, workspaceId);
  return removed;
}

/** Whether a team with this id exists in the workspace. */
export async function teamExists(db: Db, workspaceId: number, teamId: string): Promise<boolean> {
  return (
    db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspaceId), eq(teams.id, teamId)))
      .get() !== undefined
  );
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
  const c = db.$client;
  const owned = { workspaceId, source, repositoryId, type: "pull_request" };
  let removed = 0;
  db.transaction((tx) => {
    if (complete) {
      const keep = new Set(yielded.map(String));
      const before = c
        .prepare(
          "SELECT key FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'pull_request'",
        )
        .pluck()
        .all(workspaceId, source, repositoryId) as string[];
      const drop = c.prepare("DELETE FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND number = ?");
      const forget = c.prepare(
        "DELETE FROM collected_records WHERE workspace_id = ? AND source = ? AND repository_id = ? AND type = 'pull_request' AND key = ?",
      );
      for (const key of before) {
        if (keep.has(key)) continue;
        removed += drop.run(workspaceId, repositoryId, Number(key)).changes;
        forget.run(workspaceId, source, repositoryId, key);
      }
    }
    for (const n of yielded)
      tx.insert(collectedRecords)
        .values({ ...owned, key: String(n) })
        .onConflictDoNothing()
        .run();
  });
  if (removed > 0) await bumpDataVersion(db, workspaceId);
  return removed;
}

/** The default branch stored for a repository: undefined when the repository is not stored, null when unknown. */
export async function storedDefaultBranch(
  db: Db,
  workspaceId: number,
  repositoryId: string,
): Promise<string | null | undefined> {
  const row = db.$client
    .prepare("SELECT default_branch FROM repositories WHERE workspace_id = ? AND id = ?")
    .get(workspaceId, repositoryId) as { default_branch: string | null } | undefined;
  return row === undefined ? undefined : row.default_branch;
}
