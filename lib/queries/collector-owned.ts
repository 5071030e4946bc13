import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { deployments, teams } from "@/db/schema";
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
