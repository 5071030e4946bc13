/**
 * Linearly interpolated percentile of values sorted ascending (numpy's default):
 * h = (n − 1) × p, v[⌊h⌋] + (h − ⌊h⌋) × (v[⌊h⌋+1] − v[⌊h⌋]). `null` without values.
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const low = sorted[lo]!;
  if (lo + 1 >= n) return low;
  return low + (h - lo) * (sorted[lo + 1]! - low);
}

/** Interpolated percentile of unsorted values (sorted on a copy). */
export function percentile(values: readonly number[], p: number): number | null {
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Arithmetic mean; `null` without values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
