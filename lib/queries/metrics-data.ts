import type { Db } from "@/db/client";
import { foldPeople } from "@/lib/identities/fold";
import { resolveIdentities } from "@/lib/identities/resolve";
import { loadIdentityInputs } from "./identities";
import { currentChangeLinks } from "./change-links";
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
  const c = db.$client;
  const rows = (query: string) => c.prepare(query).raw(true).all(workspaceId) as Raw[];
  // Iterating raw rows into the engine's shapes is the fastest of the driver's ways (no second array of rows).
  const mapRows = <T>(query: string, build: (r: Raw) => T): T[] => {
    const out: T[] = [];
    for (const r of c.prepare(query).raw(true).iterate(workspaceId) as Iterable<Raw>) out.push(build(r));
    return out;
  };

  const repositories = rows(`SELECT ${REPOSITORY_COLUMNS} FROM repositories WHERE workspace_id = ?`).map(repositoryRow);

  // The two big reads take every row of the workspace: a table scan beats an
  // index walk with a random row lookup each (~2x on the benchmark workspace).
  const deployments = mapRows(
    `SELECT ${DEPLOYMENT_COLUMNS} FROM deployments NOT INDEXED WHERE workspace_id = ?`,
    deploymentRow,
  );

  // Only merged pull requests can be changes; people's first pull requests are aggregated below.
  const pullRequests = mapRows(
    `SELECT ${PULL_REQUEST_COLUMNS} FROM pull_requests NOT INDEXED WHERE workspace_id = ? AND merged_at IS NOT NULL`,
    pullRequestRow,
  );

  const incidents = rows(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE workspace_id = ?`).map(incidentRow);

  const people = rows(`SELECT ${personColumns(db.engine)} FROM people p WHERE p.workspace_id = ?`).map(personRow);

  const [commits, pullRequestsStart] = c
    .prepare(
      `SELECT (SELECT MIN(authored_at) FROM commits WHERE workspace_id = ?),
        (SELECT MIN(created_at) FROM pull_requests WHERE workspace_id = ?)`,
    )
    .raw(true)
    .get(workspaceId, workspaceId) as [number | null, number | null];
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
    graphLinks: currentChangeLinks(db, workspaceId),
    dataStart: starts.length > 0 ? Math.min(...starts) : null,
    sourceStarts,
  };
}
