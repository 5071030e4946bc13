import { CATALOG_METRICS, METRIC_CATALOG } from "./catalog";
import type { MetricValues, Targets } from "./types";

/**
 * Platform-engineering targets (catalog.ts): met, missed, or null without data.
 * Zero deployments miss the deployment target (perDay is 0, never null).
 */
export function targets(m: Omit<MetricValues, "targets" | "coverage">): Targets {
  const out: Partial<Targets> = {};
  for (const metric of CATALOG_METRICS) {
    const target = METRIC_CATALOG[metric].target;
    if (!target) continue;
    const value = target.value(m);
    out[metric as keyof Targets] =
      value === null ? null : target.met === "below" ? value < target.limit : value > target.limit;
  }
  return out as Targets;
}
