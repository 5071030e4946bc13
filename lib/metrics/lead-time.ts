import { builtWhenRead } from "@/lib/lazy";
import { type CountedNumbers, numbersOf, rememberNumbers } from "./counted-numbers";
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

/**
 * Linked pull requests whose deployment finished in the window, shortest lead
 * time first. The changes themselves are built when first read (a drill-down);
 * the summary reads their numbers (facts.changeNumbers) instead.
 */
export function leadTimeRecords(facts: WorkspaceFacts, w: MetricsWindow, inScope: ScopeFilter): LeadTimeRecords {
  const droppedNegative: LinkedChange[] = [];
  // The window's changes by binary search on their deployments' times, then by lead time: their positions
  // in changesByLeadTime, sorted.
  const { times, rank } = facts.changesFinishing;
  const { leadTimeMs, repository, codingTimeUnknown } = facts.changeNumbers;
  const counted: number[] = [];
  const numbers: CountedNumbers = { hours: [], codingTimeUnknown: 0 };
  for (const k of rank.slice(timeIndex(times, w.from), timeIndex(times, w.to)).sort()) {
    if (!inScope.repository(repository(k))) continue;
    counted.push(k);
    numbers.hours.push(leadTimeMs[k]! / HOUR_MS);
    numbers.codingTimeUnknown += codingTimeUnknown[k]!;
  }
  for (const c of facts.negativeChanges)
    if (inWindow(c.deployment.finishedAt, w) && inScope.repository(c.pullRequest.repositoryId)) droppedNegative.push(c);
  // By mergedAt already.
  const unlinked = between(facts.unlinked, w.from, w.to).filter((u) => inScope.repository(u.pullRequest.repositoryId));
  const records = { changes: [] as LinkedChange[], droppedNegative, unlinked };
  builtWhenRead(records, "changes", () => counted.map((k) => facts.changesByLeadTime.at(k)));
  rememberNumbers(records, numbers);
  return records;
}

/** Lead time for changes: count, interpolated median and p90 in hours, tier by median. Expects leadTimeRecords' order. */
export function leadTime(records: LeadTimeRecords): LeadTime {
  // leadTimeRecords sorts the changes by lead time already (and knows their hours without building them).
  const hours = numbersOf(records)?.hours ?? records.changes.map((c) => c.leadTimeMs / HOUR_MS);
  const medianHours = percentileOfSorted(hours, 0.5);
  return {
    changes: hours.length,
    medianHours,
    p90Hours: percentileOfSorted(hours, 0.9),
    tier: leadTimeTier(medianHours),
  };
}
