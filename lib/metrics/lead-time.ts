import type { WorkspaceFacts } from "./facts";
import type { LinkedChange, UnlinkedPullRequest } from "./lead-time-links";
import { percentileOfSorted } from "./percentile";
import type { ScopeFilter } from "./scope";
import { leadTimeTier } from "./tiers";
import type { LeadTime, MetricsWindow } from "./types";
import { HOUR_MS } from "@/lib/time";
import { between, timeIndex } from "./time-order";
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
  // The window's changes by binary search on their deployments' times, then by lead time: their positions
  // in changesByLeadTime, sorted. No other change is built.
  const { times, rank } = facts.changesFinishing;
  const ranks = rank.slice(timeIndex(times, w.from), timeIndex(times, w.to)).sort();
  for (const k of ranks) {
    const c = facts.changesByLeadTime.at(k);
    if (inScope.repository(c.pullRequest.repositoryId)) changes.push(c);
  }
  for (const c of facts.negativeChanges)
    if (inWindow(c.deployment.finishedAt, w) && inScope.repository(c.pullRequest.repositoryId)) droppedNegative.push(c);
  // By mergedAt already.
  const unlinked = between(facts.unlinked, w.from, w.to).filter((u) => inScope.repository(u.pullRequest.repositoryId));
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
