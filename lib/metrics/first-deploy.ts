import type { WorkspaceFacts } from "./facts";
import { percentileOfSorted } from "./percentile";
import type { ScopeFilter } from "./scope";
import type { DeploymentRow, MetricsWindow, RepositoryRow, TimeToFirstDeploy } from "./types";
import { HOUR_MS } from "@/lib/time";
import { inWindow } from "./window";

/** A new repository of the window and its first successful production deployment. */
export interface NewRepositoryRecord {
  repository: RepositoryRow;
  firstDeployment: DeploymentRow | null;
  /** Hours from creation to that deployment; null when never deployed or when negative (dropped). */
  hours: number | null;
}

/** Non-template repositories created in the window, at or after dataStart. */
export function firstDeployRecords(
  facts: WorkspaceFacts,
  w: MetricsWindow,
  inScope: ScopeFilter,
): NewRepositoryRecord[] {
  const { dataStart } = facts.data;
  if (dataStart === null) return [];
  const records: NewRepositoryRecord[] = [];
  for (const repository of facts.data.repositories) {
    if (repository.isTemplate === true || !inScope.repository(repository.id)) continue;
    if (!inWindow(repository.createdAt, w) || repository.createdAt < dataStart) continue;
    const deployments = facts.successByRepository.get(repository.id);
    const firstDeployment = deployments && deployments.times.length > 0 ? deployments.at(0) : null;
    const ms = firstDeployment ? firstDeployment.finishedAt! - repository.createdAt : null;
    records.push({ repository, firstDeployment, hours: ms !== null && ms >= 0 ? ms / HOUR_MS : null });
  }
  return records.sort(
    (a, b) => a.repository.createdAt - b.repository.createdAt || (a.repository.id < b.repository.id ? -1 : 1),
  );
}

/** Time to first deploy of new services, in hours. */
export function timeToFirstDeploy(records: readonly NewRepositoryRecord[]): TimeToFirstDeploy {
  const hours = records.flatMap((r) => (r.hours === null ? [] : [r.hours])).sort((a, b) => a - b);
  return { newRepositories: records.length, deployed: hours.length, medianHours: percentileOfSorted(hours, 0.5) };
}
