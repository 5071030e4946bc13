import type { Engine } from "@/db/store";
import type {
  DeploymentRow,
  IncidentRow,
  PersonRow,
  PullRequestRef,
  PullRequestRow,
  RepositoryRow,
} from "@/lib/metrics/types";

/**
 * The columns the metrics engine reads from each table and how a raw row
 * becomes the engine's shape: shared by the whole workspace's read
 * (metrics-data.ts) and one team's (team-metrics-data.ts), so both read the
 * same thing.
 */
export type Raw = unknown[];

const bool = (v: unknown): boolean | null => (v === null ? null : v === 1 || v === true);

function pullRequestRef(json: unknown): PullRequestRef | null {
  if (typeof json !== "string") return null;
  const [repositoryId, number, at, url] = JSON.parse(json) as [string, number, number, string | null];
  return { repositoryId, number, at, url };
}

export const REPOSITORY_COLUMNS = "id, name, created_at, team_id, default_branch, is_template, url";
export const repositoryRow = (r: Raw): RepositoryRow => ({
  id: r[0] as string,
  name: r[1] as string,
  createdAt: r[2] as number,
  teamId: r[3] as string | null,
  defaultBranch: r[4] as string | null,
  isTemplate: bool(r[5]),
  url: r[6] as string | null,
});

// Links (url) are left for drill-downs to fetch for the rows they show.
export const DEPLOYMENT_COLUMNS = "id, repository_id, environment, status, created_at, finished_at, sha";
export const deploymentRow = (r: Raw): DeploymentRow => ({
  id: r[0] as string,
  repositoryId: r[1] as string,
  environment: r[2] as string,
  status: r[3] as DeploymentRow["status"],
  createdAt: r[4] as number,
  finishedAt: r[5] as number | null,
  sha: r[6] as string | null,
});

export const PULL_REQUEST_COLUMNS =
  "repository_id, number, created_at, first_commit_at, merged_at, base_branch, title, labels";
export const pullRequestRow = (r: Raw): PullRequestRow => ({
  repositoryId: r[0] as string,
  number: r[1] as number,
  createdAt: r[2] as number,
  firstCommitAt: r[3] as number | null,
  mergedAt: r[4] as number | null,
  baseBranch: r[5] as string | null,
  title: r[6] as string | null,
  labels: r[7] === null ? null : (JSON.parse(r[7] as string) as string[]),
});

export const INCIDENT_COLUMNS =
  "id, opened_at, resolved_at, title, repository_id, team_id, deployment_id, cause_sha, url, fix_deployment_id";
export const incidentRow = (r: Raw): IncidentRow => ({
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
});

/**
 * A person (`FROM people p`) with their activity aggregated by one index seek
 * per fact, so a million commits are never loaded to find who started when.
 * SQLite's planner, without statistics, walks the merged-at index for "first
 * pull request" and sorts: the index is named there. PostgreSQL builds the
 * same JSON list with json_build_array.
 */
export function personColumns(engine: Engine): string {
  const sqlite = engine === "sqlite";
  const list = (at: string) =>
    sqlite
      ? `json_array(repository_id, number, ${at}, url)`
      : `json_build_array(repository_id, number, ${at}, url)::text`;
  const by = (index: string) => (sqlite ? ` INDEXED BY ${index}` : "");
  return `p.id, p.name, p.team_id, p.joined_at, p.is_bot,
      (SELECT MIN(authored_at) FROM commits c WHERE c.workspace_id = p.workspace_id AND c.author_id = p.id),
      (SELECT ${list("created_at")} FROM pull_requests q${by("pull_requests_author_created")}
         WHERE q.workspace_id = p.workspace_id AND q.author_id = p.id ORDER BY created_at, repository_id, number LIMIT 1),
      (SELECT ${list("merged_at")} FROM pull_requests q${by("pull_requests_author_merged")}
         WHERE q.workspace_id = p.workspace_id AND q.author_id = p.id AND merged_at IS NOT NULL ORDER BY merged_at, repository_id, number LIMIT 1)`;
}
export const personRow = (r: Raw): PersonRow => ({
  id: r[0] as string,
  name: r[1] as string | null,
  teamId: r[2] as string | null,
  joinedAt: r[3] as number | null,
  isBot: bool(r[4]),
  firstCommitAt: r[5] as number | null,
  firstPullRequest: pullRequestRef(r[6]),
  firstMergedPullRequest: pullRequestRef(r[7]),
});
