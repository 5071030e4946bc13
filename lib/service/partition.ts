import type { MetricRecords, WorkspaceFacts } from "@/lib/metrics";
import type { ScopeFilter } from "@/lib/metrics/scope";
import type { MetricsWindow } from "@/lib/metrics/types";
import { DAY_MS } from "@/lib/time";

/**
 * Splitting one drill-down into many. The engine computes the records of a
 * window and scope by scanning the whole workspace; the dashboard needs a
 * dozen weeks, the previous period and every team at once. Each of those is a
 * subset of one wider computation, selected by the same timestamp and the same
 * scope test the engine applies, so summarising a part gives exactly the
 * engine's numbers (test/lib/service/partition.test.ts holds the two to
 * equality) at a fraction of the cost.
 */

/** The records of a wider window that belong to one scope (the engine's ScopeFilter). */
export function recordsInScope(records: MetricRecords, inScope: ScopeFilter): MetricRecords {
  return {
    sources: records.sources,
    deploymentFrequency: records.deploymentFrequency.filter((r) => inScope.repository(r.deployment.repositoryId)),
    leadTime: {
      changes: records.leadTime.changes.filter((c) => inScope.repository(c.pullRequest.repositoryId)),
      droppedNegative: records.leadTime.droppedNegative.filter((c) => inScope.repository(c.pullRequest.repositoryId)),
      unlinked: records.leadTime.unlinked.filter((u) => inScope.repository(u.pullRequest.repositoryId)),
    },
    changeFailureRate: records.changeFailureRate.filter((r) => inScope.repository(r.deployment.repositoryId)),
    timeToRestore: records.timeToRestore.filter((r) => inScope.incident(r.attribution.incident)),
    onboarding: records.onboarding.filter((r) => inScope.person(r.person)),
    timeToFirstDeploy: records.timeToFirstDeploy.filter((r) => inScope.repository(r.repository.id)),
  };
}

/**
 * The records of a wider window split by team in one pass: what recordsInScope
 * gives for each team, without a scan per team. A record belongs to the team
 * of its repository (an incident without one, to the team it names; a person,
 * to their team), exactly as the engine's ScopeFilter decides.
 */
export function recordsByTeam(
  records: MetricRecords,
  facts: WorkspaceFacts,
  teamIds: readonly string[],
): Map<string, MetricRecords> {
  const parts = new Map(teamIds.map((id) => [id, emptyRecords(records.sources)]));
  const ofRepository = (repositoryId: string) => {
    const teamId = facts.repositoryById.get(repositoryId)?.teamId;
    return teamId == null ? undefined : parts.get(teamId);
  };
  const ofTeam = (teamId: string | null) => (teamId === null ? undefined : parts.get(teamId));
  for (const r of records.deploymentFrequency) ofRepository(r.deployment.repositoryId)?.deploymentFrequency.push(r);
  for (const c of records.leadTime.changes) ofRepository(c.pullRequest.repositoryId)?.leadTime.changes.push(c);
  for (const c of records.leadTime.droppedNegative)
    ofRepository(c.pullRequest.repositoryId)?.leadTime.droppedNegative.push(c);
  for (const u of records.leadTime.unlinked) ofRepository(u.pullRequest.repositoryId)?.leadTime.unlinked.push(u);
  for (const r of records.changeFailureRate) ofRepository(r.deployment.repositoryId)?.changeFailureRate.push(r);
  for (const r of records.timeToRestore) {
    const i = r.attribution.incident;
    (i.repositoryId !== null ? ofRepository(i.repositoryId) : ofTeam(i.teamId))?.timeToRestore.push(r);
  }
  for (const r of records.onboarding) ofTeam(r.person.teamId)?.onboarding.push(r);
  for (const r of records.timeToFirstDeploy) ofRepository(r.repository.id)?.timeToFirstDeploy.push(r);
  return parts;
}

function emptyRecords(sources: MetricRecords["sources"]): MetricRecords {
  return {
    sources,
    deploymentFrequency: [],
    leadTime: { changes: [], droppedNegative: [], unlinked: [] },
    changeFailureRate: [],
    timeToRestore: [],
    onboarding: [],
    timeToFirstDeploy: [],
  };
}

/** The index of the window holding `t` among sorted, disjoint windows, or -1. */
function locate(windows: readonly MetricsWindow[], t: number | null): number {
  if (t === null) return -1;
  let lo = 0,
    hi = windows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = windows[mid]!;
    if (t < w.from) hi = mid - 1;
    else if (t >= w.to) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * The records of a wider window split into sub-windows (sorted, disjoint, each
 * inside the wider one), by the timestamp each metric windows on: a
 * deployment's finishedAt, a change's deployment, an incident's openedAt, a
 * newcomer's start, a repository's createdAt. Order within each part is kept.
 */
export function recordsByWindow(records: MetricRecords, windows: readonly MetricsWindow[]): MetricRecords[] {
  const parts = windows.map(() => emptyRecords(records.sources));
  const part = (t: number | null) => parts[locate(windows, t)];
  for (const r of records.deploymentFrequency) {
    const i = locate(windows, r.deployment.finishedAt);
    if (i >= 0)
      parts[i]!.deploymentFrequency.push({
        ...r,
        dayIndex: Math.floor((r.deployment.finishedAt! - windows[i]!.from) / DAY_MS),
      });
  }
  for (const c of records.leadTime.changes) part(c.deployment.finishedAt)?.leadTime.changes.push(c);
  for (const c of records.leadTime.droppedNegative) part(c.deployment.finishedAt)?.leadTime.droppedNegative.push(c);
  for (const u of records.leadTime.unlinked) part(u.pullRequest.mergedAt)?.leadTime.unlinked.push(u);
  for (const r of records.changeFailureRate) part(r.deployment.finishedAt)?.changeFailureRate.push(r);
  for (const r of records.timeToRestore) part(r.attribution.incident.openedAt)?.timeToRestore.push(r);
  for (const r of records.onboarding) part(r.start.at)?.onboarding.push(r);
  for (const r of records.timeToFirstDeploy) part(r.repository.createdAt)?.timeToFirstDeploy.push(r);
  return parts;
}
