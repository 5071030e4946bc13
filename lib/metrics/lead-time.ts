import type { WorkspaceFacts } from "./facts";
import type { LinkedChange, UnlinkedPullRequest } from "./lead-time-links";
import { percentileOfSorted } from "./percentile";
import type { ScopeFilter } from "./scope";
import { leadTimeTier } from "./tiers";
import type { LeadTime, MetricsWindow } from "./types";
import { HOUR_MS } from "@/lib/time";
import { inWindow } from "./window";

/** The changes shipped in the window; those with a negative lead time (clock skew) are listed apart. */
export interface LeadTimeRecords {
  changes: LinkedChange[];
  droppedNegative: LinkedChange[];
  /** Merged in the window (by mergedAt), into the default branch, and shipped by no deployment: left out. */
  unlinked: UnlinkedPullRequest[];
}

/** Linked pull requests whose deployment finished in the window, shortest lead time first. */
export function leadTimeRecords(facts: WorkspaceFacts, w: MetricsWindow, inScope: ScopeFilter): LeadTimeRecords {
  const changes: LinkedChange[] = [];
  const droppedNegative: LinkedChange[] = [];
  for (const c of facts.changes) {
    if (!inWindow(c.deployment.finishedAt, w) || !inScope.repository(c.pullRequest.repositoryId)) continue;
    (c.leadTimeMs < 0 ? droppedNegative : changes).push(c);
  }
  changes.sort((a, b) => a.leadTimeMs - b.leadTimeMs);
  const unlinked = facts.unlinked
    .filter((u) => inWindow(u.pullRequest.mergedAt, w) && inScope.repository(u.pullRequest.repositoryId))
    .sort((a, b) => a.pullRequest.mergedAt! - b.pullRequest.mergedAt!);
  return { changes, droppedNegative, unlinked };
}

/** Lead time for changes: count, interpolated median and p90 in hours, tier by median. Expects leadTimeRecords' order. */
export function leadTime(records: LeadTimeRecords): LeadTime {
  // leadTimeRecords sorts the changes by lead time already.
  const hours = records.changes.map((c) => c.leadTimeMs / HOUR_MS);
  const medianHours = percentileOfSorted(hours, 0.5);
  return {
    changes: hours.length,
    medianHours,
    p90Hours: percentileOfSorted(hours, 0.9),
    tier: leadTimeTier(medianHours),
  };
}
