import type { Db } from "@/db/client";
import { foldPeople } from "@/lib/identities/fold";
import { resolveIdentities } from "@/lib/identities/resolve";
import { loadIdentityInputs } from "./identities";
import { currentChangeLinks } from "./change-links";
import type {
  DeploymentRow,
  IncidentRow,
  MetricsData,
  PersonRow,
  PullRequestRef,
  PullRequestRow,
  RepositoryRow,
} from "@/lib/metrics/types";

type Raw = unknown[];

const bool = (v: unknown): boolean | null => (v === null ? null : v === 1);

function pullRequestRef(json: unknown): PullRequestRef | null {
  if (typeof json !== "string") return null;
  const [repositoryId, number, at, url] = JSON.parse(json) as [string, number, number, string | null];
  return { repositoryId, number, at, url };
}

/**
 * Everything the metrics engine reads for one workspace. Person activity is
 * aggregated here with one index seek per person and fact, so a million
 * commits are never loaded to find who started when.
 */
export async function loadMetricsData(db: Db, workspaceId: number): Promise<MetricsData> {
  const c = db.$client;
  const rows = (query: string) => c.prepare(query).raw(true).all(workspaceId) as Raw[];
  // Iterating raw rows into the engine's shapes is the fastest of the driver's ways (no second array of rows).
  const mapRows = <T>(query: string, build: (r: Raw) => T): T[] => {
    const out: T[] = [];
    for (const r of c.prepare(query).raw(true).iterate(workspaceId) as Iterable<Raw>) out.push(build(r));
    return out;
  };

  const repositories = rows(
    "SELECT id, name, created_at, team_id, default_branch, is_template, url FROM repositories WHERE workspace_id = ?",
  ).map(
    (r): RepositoryRow => ({
      id: r[0] as string,
      name: r[1] as string,
      createdAt: r[2] as number,
      teamId: r[3] as string | null,
      defaultBranch: r[4] as string | null,
      isTemplate: bool(r[5]),
      url: r[6] as string | null,
    }),
  );

  // The two big reads take every row of the workspace: a table scan beats an
  // index walk with a random row lookup each (~2x on the benchmark workspace).
  // Links (url) are left for drill-downs to fetch for the rows they show.
  const deployments = mapRows(
    "SELECT id, repository_id, environment, status, created_at, finished_at, sha FROM deployments NOT INDEXED WHERE workspace_id = ?",
    (r): DeploymentRow => ({
      id: r[0] as string,
      repositoryId: r[1] as string,
      environment: r[2] as string,
      status: r[3] as DeploymentRow["status"],
      createdAt: r[4] as number,
      finishedAt: r[5] as number | null,
      sha: r[6] as string | null,
    }),
  );

  // Only merged pull requests can be changes; people's first pull requests are aggregated below.
  const pullRequests = mapRows(
    "SELECT repository_id, number, created_at, first_commit_at, merged_at, base_branch, title, labels FROM pull_requests NOT INDEXED WHERE workspace_id = ? AND merged_at IS NOT NULL",
    (r): PullRequestRow => ({
      repositoryId: r[0] as string,
      number: r[1] as number,
      createdAt: r[2] as number,
      firstCommitAt: r[3] as number | null,
      mergedAt: r[4] as number | null,
      baseBranch: r[5] as string | null,
      title: r[6] as string | null,
      labels: r[7] === null ? null : (JSON.parse(r[7] as string) as string[]),
    }),
  );

  const incidents = rows(
    "SELECT id, opened_at, resolved_at, title, repository_id, team_id, deployment_id, cause_sha, url, fix_deployment_id FROM incidents WHERE workspace_id = ?",
  ).map(
    (r): IncidentRow => ({
      id: r[0] as string,
      openedAt: r[1] as number,
      resolvedAt: r[2] as number | null,
      title: r[3] as string | null,
      repositoryId: r[4] as string | null,
      teamId: r[5] as string | null,
      deploymentId: r[6] as string | null,
      causeSha: r[7] as string | null,
      url: r[8] as string | null,
      fixDeploymentId: r[9] as string | null,
    }),
  );

  // The planner, without statistics, walks the merged-at index for "first pull request" and sorts: name the index.
  const people = rows(`
    SELECT p.id, p.name, p.team_id, p.joined_at, p.is_bot,
      (SELECT MIN(authored_at) FROM commits c WHERE c.workspace_id = p.workspace_id AND c.author_id = p.id),
      (SELECT json_array(repository_id, number, created_at, url) FROM pull_requests q INDEXED BY pull_requests_author_created
         WHERE q.workspace_id = p.workspace_id AND q.author_id = p.id ORDER BY created_at, repository_id, number LIMIT 1),
      (SELECT json_array(repository_id, number, merged_at, url) FROM pull_requests q INDEXED BY pull_requests_author_merged
         WHERE q.workspace_id = p.workspace_id AND q.author_id = p.id AND merged_at IS NOT NULL ORDER BY merged_at, repository_id, number LIMIT 1)
    FROM people p WHERE p.workspace_id = ?`).map(
    (r): PersonRow => ({
      id: r[0] as string,
      name: r[1] as string | null,
      teamId: r[2] as string | null,
      joinedAt: r[3] as number | null,
      isBot: bool(r[4]),
      firstCommitAt: r[5] as number | null,
      firstPullRequest: pullRequestRef(r[6]),
      firstMergedPullRequest: pullRequestRef(r[7]),
    }),
  );

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
