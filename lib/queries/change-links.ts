import type { Db } from "@/db/client";
import type { Sql } from "@/db/store";
import { graphExceptions, type GraphPullRequest } from "@/lib/metrics/graph-links";
import type { DeploymentRow, GraphLinkRow } from "@/lib/metrics/types";

type ChangeLinkRow = GraphLinkRow;

/** Links per INSERT: 4 bound values each, far under either engine's limit. */
const INSERT_ROWS = 250;

/** What the graph links of one repository are computed from. */
interface RepositoryGraph {
  parents: Map<string, string[] | null>;
  deployments: [id: string, environment: string, finishedAt: number, sha: string | null][];
  pullRequests: [number: number, mergedAt: number, mergeCommitSha: string | null][];
}

/** The exceptions to the time rule of one repository (lib/metrics/graph-links.ts), from what was read of it. */
function exceptionsOf(repositoryId: string, productionEnv: string, graph: RepositoryGraph) {
  const isProduction = new RegExp(productionEnv, "i");
  const deploys: DeploymentRow[] = [];
  for (const [id, environment, finishedAt, sha] of graph.deployments) {
    if (!isProduction.test(environment)) continue;
    deploys.push({ id, repositoryId, environment, status: "success", createdAt: finishedAt, finishedAt, sha });
  }
  deploys.sort((a, b) => a.finishedAt! - b.finishedAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const prs = graph.pullRequests.map(
    ([number, mergedAt, mergeCommitSha]): GraphPullRequest => ({ number, mergedAt, mergeCommitSha }),
  );
  return graphExceptions(graph.parents, deploys, prs);
}

const SQL = {
  graphRepositories: "SELECT DISTINCT repository_id FROM commits WHERE workspace_id = ? AND parents IS NOT NULL",
  hasGraph: "SELECT 1 FROM commits WHERE workspace_id = ? AND repository_id = ? AND parents IS NOT NULL LIMIT 1",
  commits: "SELECT sha, parents FROM commits WHERE workspace_id = ? AND repository_id = ?",
  deployments:
    "SELECT id, environment, finished_at, sha FROM deployments WHERE workspace_id = ? AND repository_id = ? AND status = 'success' AND finished_at IS NOT NULL",
  pullRequests:
    "SELECT number, merged_at, merge_commit_sha FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND merged_at IS NOT NULL",
  clearAll: "DELETE FROM change_links WHERE workspace_id = ?",
  clear: "DELETE FROM change_links WHERE workspace_id = ? AND repository_id = ?",
  load: "SELECT repository_id, number, deployment_id FROM change_links WHERE workspace_id = ?",
};

/**
 * Recomputes the graph links of some repositories of a workspace (all of them
 * with `"all"`) from their commits' parents, deployments and merged pull
 * requests, replacing what was stored for them. A repository without any
 * commit that has parents keeps no links: the time rule holds there. Runs in
 * the caller's transaction `tx`.
 */
export async function rebuildChangeLinks(
  tx: Sql,
  workspaceId: number,
  productionEnv: string,
  repositoryIds: Iterable<string> | "all",
): Promise<void> {
  const ids =
    repositoryIds === "all"
      ? (await tx.tuples(SQL.graphRepositories, [workspaceId])).map(([id]) => id as string)
      : [...repositoryIds];
  if (repositoryIds === "all") await tx.exec(SQL.clearAll, [workspaceId]);
  for (const repositoryId of ids) {
    if (repositoryIds !== "all") await tx.exec(SQL.clear, [workspaceId, repositoryId]);
    if ((await tx.value(SQL.hasGraph, [workspaceId, repositoryId])) === undefined) continue;
    const parents = new Map<string, string[] | null>();
    for (const [sha, json] of await tx.tuples(SQL.commits, [workspaceId, repositoryId]))
      parents.set(sha as string, json === null ? null : (JSON.parse(json as string) as string[]));
    const exceptions = exceptionsOf(repositoryId, productionEnv, {
      parents,
      deployments: (await tx.tuples(SQL.deployments, [workspaceId, repositoryId])) as RepositoryGraph["deployments"],
      pullRequests: (await tx.tuples(SQL.pullRequests, [workspaceId, repositoryId])) as RepositoryGraph["pullRequests"],
    });
    for (let i = 0; i < exceptions.length; i += INSERT_ROWS) {
      const chunk = exceptions.slice(i, i + INSERT_ROWS);
      await tx.exec(
        `INSERT INTO change_links (workspace_id, repository_id, number, deployment_id) VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}`,
        chunk.flatMap((e) => [workspaceId, repositoryId, e.number, e.deploymentId]),
      );
    }
  }
}

/** The stored exceptions of a workspace. */
export async function loadChangeLinks(db: Sql, workspaceId: number): Promise<ChangeLinkRow[]> {
  return (await db.tuples(SQL.load, [workspaceId])).map(([repositoryId, number, deploymentId]) => ({
    repositoryId: repositoryId as string,
    number: number as number,
    deploymentId: deploymentId as string | null,
  }));
}

/**
 * The workspace's versions and production environment, read inside a
 * transaction: on PostgreSQL the row stays locked until it ends, so two
 * processes never rebuild the same links at once (SQLite's write transaction
 * already excludes the other writers). FOR NO KEY UPDATE, the lock every other
 * writer of the workspace takes (lockWorkspaceWithin, or its data-version
 * update): it queues them, but not the rows that merely reference the
 * workspace (a sync run, a kept report), which FOR UPDATE would block too.
 */
async function lockedVersions(tx: Sql, workspaceId: number) {
  const lock = tx.engine === "postgres" ? " FOR NO KEY UPDATE" : "";
  const [dataVersion, linksVersion, productionEnv] = (
    await tx.tuples(`SELECT data_version, links_version, production_env FROM workspaces WHERE id = ?${lock}`, [
      workspaceId,
    ])
  )[0] as [number, number, string];
  return { dataVersion, linksVersion, productionEnv };
}

/**
 * Makes the workspace's links current: when another writer (settings, a
 * removed deployment) changed the data since they were last made whole, all
 * of them are rebuilt. Returns the links.
 */
export async function loadCurrentChangeLinks(db: Db, workspaceId: number): Promise<ChangeLinkRow[]> {
  const { dataVersion, linksVersion } = await linkVersions(db, workspaceId);
  if (dataVersion !== linksVersion) {
    await db.atomic(async (tx) => {
      const now = await lockedVersions(tx, workspaceId);
      // Another process may have made them current while this one waited for the lock.
      if (now.dataVersion === now.linksVersion) return;
      await rebuildChangeLinks(tx, workspaceId, now.productionEnv, "all");
      await tx.exec("UPDATE workspaces SET links_version = data_version WHERE id = ?", [workspaceId]);
    });
  }
  return loadChangeLinks(db, workspaceId);
}

/** The data and links versions of a workspace, read before an import writes. */
export async function linkVersions(
  db: Sql,
  workspaceId: number,
): Promise<{ dataVersion: number; linksVersion: number }> {
  const [dataVersion, linksVersion] = (
    await db.tuples("SELECT data_version, links_version FROM workspaces WHERE id = ?", [workspaceId])
  )[0] as [number, number];
  return { dataVersion, linksVersion };
}

/**
 * After an import wrote `batches` batches touching these repositories: rebuilds
 * their links, or all of them when the links were stale before the import or
 * another writer changed the workspace meanwhile, and marks them current.
 */
export async function refreshLinksAfterImport(
  db: Db,
  workspaceId: number,
  touched: ReadonlySet<string>,
  before: { dataVersion: number; linksVersion: number },
  batches: number,
): Promise<void> {
  if (batches === 0) return;
  await db.atomic(async (tx) => {
    const { dataVersion, linksVersion, productionEnv } = await lockedVersions(tx, workspaceId);
    const onlyOurs =
      before.dataVersion === before.linksVersion &&
      linksVersion === before.linksVersion &&
      dataVersion === before.dataVersion + batches;
    await rebuildChangeLinks(tx, workspaceId, productionEnv, onlyOurs ? touched : "all");
    await tx.exec("UPDATE workspaces SET links_version = data_version WHERE id = ?", [workspaceId]);
  });
}
