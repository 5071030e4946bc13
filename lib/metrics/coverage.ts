import { CATALOG_METRICS, missingSources } from "./catalog";
import type { Coverage, MetricValues, MetricsWindow, SourceStarts, Targets } from "./types";

const before = (t: number | null, to: number): boolean => t !== null && t < to;

/** Which source types hold a record, in any scope, before the window's end (spec/metrics.md "Coverage"). */
export function coverage(starts: SourceStarts, w: MetricsWindow): Coverage {
  return {
    deployments: before(starts.deployments, w.to),
    incidents: before(starts.incidents, w.to),
    pullRequests: before(starts.pullRequests, w.to),
    commits: before(starts.commits, w.to),
  };
}

/**
 * Withholds the tiers and targets a missing source would turn into a
 * judgement (the sources each metric needs are in catalog.ts): a window
 * without incident data must not show a change failure rate of 0 % as elite.
 * Counts and values stay as computed.
 */
export function withholdJudgements(m: MetricValues): MetricValues {
  const out: MetricValues = { ...m, targets: { ...m.targets } };
  for (const metric of CATALOG_METRICS) {
    if (missingSources(metric, m.coverage).length === 0) continue;
    const values = out[metric] as { tier?: unknown };
    if ("tier" in values) (out as unknown as Record<string, unknown>)[metric] = { ...values, tier: null };
    if (metric in out.targets) out.targets[metric as keyof Targets] = null;
  }
  return out;
}
