import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { pullRequests } from "@/db/schema";

/**
 * The stored author of a pull request, or null when the workspace does not
 * hold it. A GitLab merge request webhook names only the user who acted, so
 * a later event keeps the author the collector or the opening event stored.
 */
export async function pullRequestAuthor(
  db: Db,
  workspaceId: number,
  repositoryId: string,
  number: number,
): Promise<string | null> {
  const row = db
    .select({ authorId: pullRequests.authorId })
    .from(pullRequests)
    .where(
      and(
        eq(pullRequests.workspaceId, workspaceId),
        eq(pullRequests.repositoryId, repositoryId),
        eq(pullRequests.number, number),
      ),
    )
    .get();
  return row?.authorId ?? null;
}
