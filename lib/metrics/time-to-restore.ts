import type { Attribution } from "./attribution";
import type { WorkspaceFacts } from "./facts";
import { mean, percentileOfSorted } from "./percentile";
import type { ScopeFilter } from "./scope";
import { timeToRestoreTier } from "./tiers";
import type { MetricsWindow, TimeToRestore } from "./types";
import { HOUR_MS } from "@/lib/time";
import { inWindow } from "./window";

/** An incident opened in the window, its restore time (null while open) and its attribution. */
export interface RestoreRecord {
  attribution: Attribution;
  restoreMs: number | null;
}

/** Incidents opened in the window, oldest first. */
export function timeToRestoreRecords(facts: WorkspaceFacts, w: MetricsWindow, inScope: ScopeFilter): RestoreRecord[] {
  return facts.attributions
    .filter((a) => inWindow(a.incident.openedAt, w) && inScope.incident(a.incident))
    .map((attribution) => {
      const { openedAt, resolvedAt } = attribution.incident;
      return { attribution, restoreMs: resolvedAt === null ? null : resolvedAt - openedAt };
    })
    .sort(
      (a, b) =>
        a.attribution.incident.openedAt - b.attribution.incident.openedAt ||
        (a.attribution.incident.id < b.attribution.incident.id ? -1 : 1),
    );
}

/** Time to restore: open incidents are counted apart, never as zero or as now. */
export function timeToRestore(records: readonly RestoreRecord[]): TimeToRestore {
  const hours = records.flatMap((r) => (r.restoreMs === null ? [] : [r.restoreMs / HOUR_MS])).sort((a, b) => a - b);
  const medianHours = percentileOfSorted(hours, 0.5);
  return {
    incidents: records.length,
    resolved: hours.length,
    open: records.length - hours.length,
    medianHours,
    meanHours: mean(hours),
    tier: timeToRestoreTier(medianHours),
  };
}
