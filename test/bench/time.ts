import type { Rng } from "./random";

import { DAY_MS, HOUR_MS } from "@/lib/time";

export { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
export const YEAR_MS = 365 * DAY_MS;

/** Whole seconds, like the timestamps of the sources Altimeter reads. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/**
 * A time in [from, to) that looks like people at work: weekends are mostly
 * avoided and hours cluster around the middle of the (UTC) working day.
 */
export function workTime(rng: Rng, from: number, to: number): number {
  for (let attempt = 0; ; attempt++) {
    const t = rng.between(from, to);
    const day = Math.floor(t / DAY_MS);
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
    if ((weekday === 0 || weekday === 6) && attempt < 3 && rng.chance(0.85)) continue;
    const hour = Math.min(23.99, Math.max(0, 13.5 + 2.8 * rng.normal()));
    const at = day * DAY_MS + hour * HOUR_MS;
    return wholeSeconds(at >= from && at < to ? at : t);
  }
}

/** `n` work times in [from, to), ascending. */
export function sortedWorkTimes(rng: Rng, n: number, from: number, to: number): Float64Array {
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = workTime(rng, from, to);
  return times.sort();
}

/** Index of the last value ≤ t in an ascending array, or −1. */
export function lastAtOrBefore(sorted: Float64Array, t: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
