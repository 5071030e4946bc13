import type { MetricName } from "@/lib/metrics";
import { type JudgedValues, noComparisonReason, type SourceStarts } from "@/lib/withheld";
import { headlineValue, metricInfo } from "./definitions";

/** How a metric's headline value moved against the previous period. */
export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is missing. */
  delta: number | null;
  /** delta ÷ |previous|; null when either is missing or previous is 0. */
  relative: number | null;
  /** Read with the metric's direction (a shorter lead time is better); null without both values. */
  verdict: "better" | "worse" | "unchanged" | null;
  /**
   * Why no change is shown: a period not covered by the metric's sources
   * ("no incident data before 5 Jan 2026, when the previous period ends; …"),
   * or a period whose rows mostly have an unknown coding time.
   */
  unavailable: string | null;
}

// Equal up to float noise: a median recomputed over the same values may differ in the last bits.
const EPSILON = 1e-9;

/**
 * The change of one metric's headline value between two periods; none unless
 * both periods are covered for the metric's sources (spec/metrics.md, Coverage)
 * and judged in both (most rows of a known coding time).
 */
export function compareHeadline(
  metric: MetricName,
  current: JudgedValues,
  previous: JudgedValues,
  starts: SourceStarts,
  window: { from: number; to: number },
): Change {
  const now = headlineValue(metric, current);
  const then = headlineValue(metric, previous);
  const before = previous.withheld[metric];
  const unavailable =
    noComparisonReason(metric, starts, window) ??
    current.withheld[metric] ??
    (before === null ? null : `in the previous period, ${before}`);
  if (now === null || then === null || unavailable !== null)
    return { current: now, previous: then, delta: null, relative: null, verdict: null, unavailable };
  const delta = now - then;
  const relative = then === 0 ? null : delta / Math.abs(then);
  const scale = Math.max(Math.abs(now), Math.abs(then), 1);
  let verdict: Change["verdict"] = "unchanged";
  if (Math.abs(delta) > EPSILON * scale)
    verdict = delta > 0 === (metricInfo(metric).better === "higher") ? "better" : "worse";
  return { current: now, previous: then, delta, relative, verdict, unavailable: null };
}
