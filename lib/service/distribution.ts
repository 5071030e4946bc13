import type { LinkedChange } from "@/lib/metrics/lead-time-links";
import { HOUR_MS } from "@/lib/time";

/** One bar of a distribution: how many values fall in `[fromHours, toHours)`. */
export interface DistributionBucket {
  label: string;
  fromHours: number;
  toHours: number | null;
  count: number;
}

// Edges on the DORA tier boundaries (1 day, 1 week, 30 days), so the bars read against the tiers.
const EDGES: { label: string; toHours: number | null }[] = [
  { label: "< 1 h", toHours: 1 },
  { label: "1–4 h", toHours: 4 },
  { label: "4–24 h", toHours: 24 },
  { label: "1–3 days", toHours: 72 },
  { label: "3–7 days", toHours: 168 },
  { label: "1–2 weeks", toHours: 336 },
  { label: "2–4 weeks", toHours: 720 },
  { label: "≥ 30 days", toHours: null },
];

/** The lead times of counted changes in buckets from under an hour to over 30 days. */
export function leadTimeDistribution(changes: readonly LinkedChange[]): DistributionBucket[] {
  let from = 0;
  const buckets = EDGES.map((e) => {
    const b = { label: e.label, fromHours: from, toHours: e.toHours, count: 0 };
    from = e.toHours ?? from;
    return b;
  });
  for (const c of changes) {
    const hours = c.leadTimeMs / HOUR_MS;
    const bucket = buckets.find((b) => b.toHours === null || hours < b.toHours)!;
    bucket.count++;
  }
  return buckets;
}
