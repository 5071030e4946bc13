import type { Db } from "@/db/client";
import { graphExceptions, type GraphPullRequest } from "@/lib/metrics/graph-links";
import type { DeploymentRow, GraphLinkRow } from "@/lib/metrics/types";

type ChangeLinkRow = GraphLinkRow;

/**
 * Recomputes the graph links of some repositories of a workspace (all of them
 * with `"all"`) from their commits' parents, deployments and merged pull
 * requests, replacing what was stored for them. A repository without any
 * commit that has parents keeps no links: the time rule holds there.
 */
export function rebuildChangeLinks(
  db: Db,
  workspaceId: number,
  productionEnv: string,
  repositoryIds: Iterable<string> | "all",
): void {
  const c = db.$client;
  const isProduction = new RegExp(productionEnv, "i");
  const ids =
    repositoryIds === "all"
      ? (c
          .prepare("SELECT DISTINCT repository_id FROM commits WHERE workspace_id = ? AND parents IS NOT NULL")
          .pluck()
          .all(workspaceId) as string[])
      : [...repositoryIds];
  const hasGraph = c.prepare(
    "SELECT 1 FROM commits WHERE workspace_id = ? AND repository_id = ? AND parents IS NOT NULL LIMIT 1",
  );
  const commits = c.prepare("SELECT sha, parents FROM commits WHERE workspace_id = ? AND repository_id = ?");
  const deployments = c.prepare(
    "SELECT id, environment, finished_at, sha FROM deployments WHERE workspace_id = ? AND repository_id = ? AND status = 'success' AND finished_at IS NOT NULL",
  );
  const pullRequests = c.prepare(
    "SELECT number, merged_at, merge_commit_sha FROM pull_requests WHERE workspace_id = ? AND repository_id = ? AND merged_at IS NOT NULL",
  );
  const clear = c.prepare("DELETE FROM change_links WHERE workspace_id = ? AND repository_id = ?");
  const insert = c.prepare(
    "INSERT INTO change_links (workspace_id, repository_id, number, deployment_id) VALUES (?, ?, ?, ?)",
  );
  const run = () => {
    if (repositoryIds === "all") c.prepare("DELETE FROM change_links WHERE workspace_id = ?").run(workspaceId);
    for (const repositoryId of ids) {
      if (repositoryIds !== "all") clear.run(workspaceId, repositoryId);
      if (!hasGraph.get(workspaceId, repositoryId)) continue;
      const parents = new Map<string, string[] | null>();
      for (const [sha, json] of commits.raw(true).iterate(workspaceId, repositoryId) as Iterable<
        [string, string | null]
      >)
        parents.set(sha, json === null ? null : (JSON.parse(json) as string[]));
      const deploys: DeploymentRow[] = [];
      for (const [id, environment, finishedAt, sha] of deployments.raw(true).all(workspaceId, repositoryId) as [
        string,
        string,
        number,
        string | null,
      ][]) {
        if (!isProduction.test(environment)) continue;
        deploys.push({ id, repositoryId, environment, status: "success", createdAt: finishedAt, finishedAt, sha });
      }
      deploys.sort((a, b) => a.finishedAt! - b.finishedAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const prs = (pullRequests.raw(true).all(workspaceId, repositoryId) as [number, number, string | null][]).map(
        ([number, mergedAt, mergeCommitSha]): GraphPullRequest => ({ number, mergedAt, mergeCommitSha }),
      );
      for (const e of graphExceptions(parents, deploys, prs))
        insert.run(workspaceId, repositoryId, e.number, e.deploymentId);
    }
  };
  if (c.inTransaction) run();
  else c.transaction(run).immediate();
}

/** The stored exceptions of a workspace. */
export function loadChangeLinks(db: Db, workspaceId: number): ChangeLinkRow[] {
  return (
    db.$client
      .prepare("SELECT repository_id, number, deployment_id FROM change_links WHERE workspace_id = ?")
      .raw(true)
      .all(workspaceId) as [string, number, string | null][]
  ).map(([repositoryId, number, deploymentId]) => ({ repositoryId, number, deploymentId }));
}

/**
 * Makes the workspace's links current: when another writer (settings, a
 * removed deployment) changed the data since they were last made whole, all
 * of them are rebuilt. Returns the links.
 */
export function currentChangeLinks(db: Db, workspaceId: number): ChangeLinkRow[] {
  const c = db.$client;
  const [dataVersion, linksVersion, productionEnv] = c
    .prepare("SELECT data_version, links_version, production_env FROM workspaces WHERE id = ?")
    .raw(true)
    .get(workspaceId) as [number, number, string];
  if (dataVersion !== linksVersion) {
    c.transaction(() => {
      rebuildChangeLinks(db, workspaceId, productionEnv, "all");
      c.prepare("UPDATE workspaces SET links_version = ? WHERE id = ? AND data_version = ?").run(
        dataVersion,
        workspaceId,
        dataVersion,
      );
    }).immediate();
  }
  return loadChangeLinks(db, workspaceId);
}

/** The data and links versions of a workspace, read before an import writes. */
export function linkVersions(db: Db, workspaceId: number): { dataVersion: number; linksVersion: number } {
  const [dataVersion, linksVersion] = db.$client
    .prepare("SELECT data_version, links_version FROM workspaces WHERE id = ?")
    .raw(true)
    .get(workspaceId) as [number, number];
  return { dataVersion, linksVersion };
}

/**
 * After an import wrote `batches` batches touching these repositories: rebuilds
 * their links, or all of them when the links were stale before the import or
 * another writer changed the workspace meanwhile, and marks them current.
 */
export function refreshLinksAfterImport(
  db: Db,
  workspaceId: number,
  touched: ReadonlySet<string>,
  before: { dataVersion: number; linksVersion: number },
  batches: number,
): void {
  if (batches === 0) return;
  const c = db.$client;
  c.transaction(() => {
    const [dataVersion, linksVersion, productionEnv] = c
      .prepare("SELECT data_version, links_version, production_env FROM workspaces WHERE id = ?")
      .raw(true)
      .get(workspaceId) as [number, number, string];
    const onlyOurs =
      before.dataVersion === before.linksVersion &&
      linksVersion === before.linksVersion &&
      dataVersion === before.dataVersion + batches;
    rebuildChangeLinks(db, workspaceId, productionEnv, onlyOurs ? touched : "all");
    c.prepare("UPDATE workspaces SET links_version = data_version WHERE id = ?").run(workspaceId);
  }).immediate();
}
