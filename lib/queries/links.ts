import type { Db } from "@/db/client";

/** Links to the source system (GitHub…) of the records a drill-down shows. */
export interface SourceLinks {
  deployment: (id: string) => string | null;
  pullRequest: (repositoryId: string, number: number) => string | null;
}

/** No links: for callers that show records without them. */
export const NO_LINKS: SourceLinks = { deployment: () => null, pullRequest: () => null };

/** Wanted records per statement: far under either engine's limit on bound parameters. */
const CHUNK = 500;

/**
 * The urls of the named deployments and pull requests, a query per 500. The
 * metrics engine loads rows without urls (they would double its read time on
 * large workspaces); a drill-down asks for the few hundred it shows.
 */
export async function loadSourceLinks(
  db: Db,
  workspaceId: number,
  wanted: { deploymentIds: readonly string[]; pullRequests: readonly { repositoryId: string; number: number }[] },
): Promise<SourceLinks> {
  const deployments = new Map<string, string>();
  const ids = [...new Set(wanted.deploymentIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const [id, url] of await db.tuples(
      `SELECT id, url FROM deployments WHERE workspace_id = ? AND url IS NOT NULL AND id IN (${chunk.map(() => "?").join(", ")})`,
      [workspaceId, ...chunk],
    ))
      deployments.set(id as string, url as string);
  }
  const prKey = (repositoryId: string, number: number) => `${repositoryId}#${number}`;
  const pullRequests = new Map<string, string>();
  const prs = [...new Map(wanted.pullRequests.map((p) => [prKey(p.repositoryId, p.number), p])).values()];
  for (let i = 0; i < prs.length; i += CHUNK) {
    const chunk = prs.slice(i, i + CHUNK);
    // A row-value IN over VALUES is one primary-key seek per wanted pull request on both engines
    // (the cast types the VALUES column for PostgreSQL).
    for (const [repositoryId, number, url] of await db.tuples(
      `SELECT repository_id, number, url FROM pull_requests
       WHERE workspace_id = ? AND url IS NOT NULL
       AND (repository_id, number) IN (VALUES ${chunk.map(() => "(?, CAST(? AS integer))").join(", ")})`,
      [workspaceId, ...chunk.flatMap((p) => [p.repositoryId, p.number])],
    ))
      pullRequests.set(prKey(repositoryId as string, number as number), url as string);
  }
  return {
    deployment: (id) => deployments.get(id) ?? null,
    pullRequest: (repositoryId, number) => pullRequests.get(prKey(repositoryId, number)) ?? null,
  };
}
