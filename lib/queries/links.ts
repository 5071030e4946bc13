import type { Db } from "@/db/client";

/** Links to the source system (GitHub…) of the records a drill-down shows. */
export interface SourceLinks {
  deployment: (id: string) => string | null;
  pullRequest: (repositoryId: string, number: number) => string | null;
}

/** No links: for callers that show records without them. */
export const NO_LINKS: SourceLinks = { deployment: () => null, pullRequest: () => null };

/**
 * The urls of the named deployments and pull requests, one query each. The
 * metrics engine loads rows without urls (they would double its read time on
 * large workspaces); a drill-down asks for the few hundred it shows.
 */
export async function loadSourceLinks(
  db: Db,
  workspaceId: number,
  wanted: { deploymentIds: readonly string[]; pullRequests: readonly { repositoryId: string; number: number }[] },
): Promise<SourceLinks> {
  const deployments = new Map(
    db.$client
      .prepare(
        "SELECT id, url FROM deployments WHERE workspace_id = ? AND url IS NOT NULL AND id IN (SELECT value FROM json_each(?))",
      )
      .raw(true)
      .all(workspaceId, JSON.stringify([...new Set(wanted.deploymentIds)])) as [string, string][],
  );
  const prKey = (repositoryId: string, number: number) => `${repositoryId}#${number}`;
  // CROSS JOIN keeps json_each outermost, so each wanted pull request is one primary-key seek
  // (a plain JOIN let the planner scan every pull request per wanted one).
  const pullRequests = new Map(
    (
      db.$client
        .prepare(
          `SELECT p.repository_id, p.number, p.url FROM json_each(?) w
         CROSS JOIN pull_requests p ON p.workspace_id = ? AND p.repository_id = json_extract(w.value, '$[0]') AND p.number = json_extract(w.value, '$[1]')
         WHERE p.url IS NOT NULL`,
        )
        .raw(true)
        .all(JSON.stringify(wanted.pullRequests.map((p) => [p.repositoryId, p.number])), workspaceId) as [
        string,
        number,
        string,
      ][]
    ).map(([r, n, url]) => [prKey(r, n), url] as const),
  );
  return {
    deployment: (id) => deployments.get(id) ?? null,
    pullRequest: (repositoryId, number) => pullRequests.get(prKey(repositoryId, number)) ?? null,
  };
}
