import type { Db } from "@/db/client";
import { foldPeople } from "@/lib/identities/fold";
import { resolveIdentities } from "@/lib/identities/resolve";
import { loadIdentityInputs } from "./identities";
import { loadCurrentChangeLinks } from "./change-links";
import type { MetricsData } from "@/lib/metrics/types";
import {
  DEPLOYMENT_COLUMNS,
  deploymentRow,
  INCIDENT_COLUMNS,
  incidentRow,
  personColumns,
  personRow,
  PULL_REQUEST_COLUMNS,
  pullRequestRow,
  REPOSITORY_COLUMNS,
  repositoryRow,
  type Raw,
} from "./metrics-rows";

/** Everything the metrics engine reads for one workspace (the columns and shapes of metrics-rows.ts). */
export async function loadMetricsData(db: Db, workspaceId: number): Promise<MetricsData> {
  const sqlite = db.engine === "sqlite";
  const rows = async (query: string) => (await db.tuples(query, [workspaceId])) as Raw[];
  const mapRows = <T>(query: string, build: (r: Raw) => T): Promise<T[]> =>
    db.mapped(query, [workspaceId], (r) => build(r as Raw));
  // The two big reads take every row of the workspace: on SQLite a table scan beats an
  // index walk with a random row lookup each (~2x on the benchmark workspace).
  const scan = sqlite ? " NOT INDEXED" : "";

  const repositories = (await rows(`SELECT ${REPOSITORY_COLUMNS} FROM repositories WHERE workspace_id = ?`)).map(
    repositoryRow,
  );

  const deployments = await mapRows(
    `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments${scan} WHERE workspace_id = ?`,
    deploymentRow,
  );

  // Only merged pull requests can be changes; people's first pull requests are aggregated below.
  const pullRequests = await mapRows(
    `SELECT ${PULL_REQUEST_COLUMNS} FROM pull_requests${scan} WHERE workspace_id = ? AND merged_at IS NOT NULL`,
    pullRequestRow,
  );

  const incidents = (await rows(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE workspace_id = ?`)).map(incidentRow);

  const people = (await rows(`SELECT ${personColumns(db.engine)} FROM people p WHERE p.workspace_id = ?`)).map(
    personRow,
  );

  const [commits, pullRequestsStart] = ((
    await db.tuples(
      `SELECT (SELECT MIN(authored_at) FROM commits WHERE workspace_id = ?),
        (SELECT MIN(created_at) FROM pull_requests WHERE workspace_id = ?)`,
      [workspaceId, workspaceId],
    )
  )[0] ?? [null, null]) as [number | null, number | null];
  // Every deployment and incident is loaded already: their earliest times need no query.
  let deploymentsStart: number | null = null,
    deploymentsCreated: number | null = null;
  for (const d of deployments) {
    const t = d.finishedAt ?? d.createdAt;
    if (deploymentsStart === null || t < deploymentsStart) deploymentsStart = t;
    if (deploymentsCreated === null || d.createdAt < deploymentsCreated) deploymentsCreated = d.createdAt;
  }
  let incidentsStart: number | null = null;
  for (const i of incidents) if (incidentsStart === null || i.openedAt < incidentsStart) incidentsStart = i.openedAt;
  const starts = [commits, pullRequestsStart, deploymentsCreated, incidentsStart].filter((t) => t !== null);
  const sourceStarts = {
    deployments: deploymentsStart,
    incidents: incidentsStart,
    pullRequests: pullRequestsStart,
    commits,
  };

  // One person under several ids (emails, a login) is one person: fold them before anything is counted.
  const { leaderOf } = resolveIdentities(await loadIdentityInputs(db, workspaceId));
  return {
    repositories,
    deployments,
    pullRequests,
    incidents,
    people: foldPeople(people, leaderOf),
    graphLinks: await loadCurrentChangeLinks(db, workspaceId),
    dataStart: starts.length > 0 ? Math.min(...starts) : null,
    sourceStarts,
  };
}
