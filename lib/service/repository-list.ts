import type { Db } from "@/db/client";
import type { MetricRecords } from "@/lib/metrics";
import { listRepositories, type Repository } from "@/lib/queries/repositories";
import { getMetricRecords, type MetricsQuery } from "./metrics";

/** A repository with what the metrics counted of it in the window (the drill-down records, grouped). */
export interface RepositoryWithActivity {
  id: string;
  name: string;
  url: string | null;
  teamId: string | null;
  createdAt: number;
  defaultBranch: string | null;
  isTemplate: boolean;
  /** Successful production deployments finished in the window (deployment frequency). */
  deployments: number;
  /** Changes shipped in the window (lead time). */
  changes: number;
  /** Production deployments that failed or caused an incident (change failure rate). */
  failedDeployments: number;
  /** Incidents opened in the window naming the repository. */
  incidents: number;
  /** Set when it is a new repository of the window: hours to its first deploy (null while none). */
  newRepository: { hoursToFirstDeploy: number | null } | null;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Attaches the window's counted records to each repository. */
export function repositoryActivity(
  repositories: readonly Repository[],
  records: MetricRecords,
): RepositoryWithActivity[] {
  const deployments = countBy(records.deploymentFrequency, (r) => r.deployment.repositoryId);
  const changes = countBy(records.leadTime.changes, (c) => c.pullRequest.repositoryId);
  const failed = countBy(
    records.changeFailureRate.filter((r) => r.failed),
    (r) => r.deployment.repositoryId,
  );
  const incidents = countBy(records.timeToRestore, (r) => r.attribution.incident.repositoryId);
  const created = new Map(records.timeToFirstDeploy.map((r) => [r.repository.id, r.hours]));
  return repositories.map((r) => ({
    id: r.id,
    name: r.name,
    url: r.url,
    teamId: r.teamId,
    createdAt: r.createdAt,
    defaultBranch: r.defaultBranch,
    isTemplate: r.isTemplate === true,
    deployments: deployments.get(r.id) ?? 0,
    changes: changes.get(r.id) ?? 0,
    failedDeployments: failed.get(r.id) ?? 0,
    incidents: incidents.get(r.id) ?? 0,
    newRepository: created.has(r.id) ? { hoursToFirstDeploy: created.get(r.id)! } : null,
  }));
}

/** The sort orders of the repositories list. */
export const REPOSITORY_SORTS = ["name", "deployments", "failed", "incidents", "created"] as const;
export type RepositorySort = (typeof REPOSITORY_SORTS)[number];

const ORDER: Record<RepositorySort, (a: RepositoryWithActivity, b: RepositoryWithActivity) => number> = {
  name: () => 0,
  deployments: (a, b) => b.deployments - a.deployments,
  failed: (a, b) => b.failedDeployments - a.failedDeployments,
  incidents: (a, b) => b.incidents - a.incidents,
  created: (a, b) => b.createdAt - a.createdAt,
};

/** The repositories of a workspace (or team) matching a name search, with their activity in the window, sorted. */
export async function listRepositoriesWithActivity(
  db: Db,
  q: MetricsQuery & { search?: string | null; sort?: RepositorySort },
): Promise<RepositoryWithActivity[]> {
  const { query, records } = await getMetricRecords(db, q);
  const rows = repositoryActivity(
    await listRepositories(db, query.workspace.id, { teamId: query.teamId, search: q.search }),
    records,
  );
  // Stable: ties keep the query's name order.
  return rows.sort(ORDER[q.sort ?? "name"]);
}
