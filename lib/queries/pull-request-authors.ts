import type { Db } from "@/db/client";

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
  const author = await db.value<string | null>(
    "SELECT author_id FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND number = ?",
    [workspaceId, repositoryId, number],
  );
  return author ?? null;
}
