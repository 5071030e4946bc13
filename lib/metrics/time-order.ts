import type { DeploymentRow } from "./types";

/** The first of `n` ascending times (the k-th given by `time(k)`) that is ≥ t, or > t with `after`; n when none. */
function searchTimes(n: number, time: (k: number) => number, t: number, after: boolean): number {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = time(mid);
    if (at < t || (after && at === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Binary search over times in ascending order: the index of the first that is
 * ≥ t (`after` false) or > t (`after` true); the length when there is none.
 */
export function timeIndex(times: ArrayLike<number>, t: number, after = false): number {
  return searchTimes(times.length, (k) => times[k]!, t, after);
}

/**
 * timeIndex over deployments sorted by finishedAt: the one search behind
 * linking, attribution and rework while facts are derived.
 */
export function finishedIndex(sorted: readonly DeploymentRow[], t: number, after = false): number {
  return searchTimes(sorted.length, (k) => sorted[k]!.finishedAt!, t, after);
}

/**
 * Records with one time each, kept as numbers so that a window finds its
 * records without building the others: `at(k)` gives the k-th (built when
 * first asked, for facts restored from a snapshot). Whether the times ascend
 * is said where a list is declared.
 */
export interface Timed<T> {
  readonly times: Float64Array;
  at(k: number): T;
}

/** `number` of each item of a list, as a Float64Array (a plain loop: TypedArray.from with a map function is several times slower). */
export function numbersOf<T>(list: readonly T[], number: (x: T) => number): Float64Array {
  const out = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = number(list[i]!);
  return out;
}

/** A list as Timed, with `time` of each. */
export function timed<T>(list: readonly T[], time: (x: T) => number): Timed<T> {
  return { times: numbersOf(list, time), at: (k) => list[k]! };
}

/** `list` by `key` of each, equal keys in list order (stableOrder). */
export function sortedBy<T>(list: readonly T[], key: (x: T) => number): T[] {
  const order = stableOrder(numbersOf(list, key));
  const out = new Array<T>(list.length);
  for (let i = 0; i < out.length; i++) out[i] = list[order[i]!]!;
  return out;
}

/** Every record of a Timed list. */
export function allOf<T>(list: Timed<T>): T[] {
  return Array.from({ length: list.times.length }, (_, k) => list.at(k));
}

/** The records of an ascending Timed list whose time lies in `[from, to)`, in its order. */
export function between<T>(list: Timed<T>, from: number, to: number): T[] {
  const out: T[] = [];
  for (let k = timeIndex(list.times, from), end = timeIndex(list.times, to); k < end; k++) out.push(list.at(k));
  return out;
}

/** The first record of an ascending Timed list whose time is > t, or null. */
export function firstAfter<T>(list: Timed<T>, t: number): T | null {
  const k = timeIndex(list.times, t, true);
  return k < list.times.length ? list.at(k) : null;
}

/** Keys past this (2^48 ms is the year 10889) or not whole are sorted by comparison instead. */
const RADIX_LIMIT = 2 ** 48;
const DIGIT_BITS = 12;
const DIGITS = 1 << DIGIT_BITS;

/**
 * The positions of `keys` in ascending order of key, equal keys in position
 * order (a stable argsort). Whole non-negative keys below 2^48 (times and
 * durations in ms) are sorted by four 12-bit radix passes, in linear time and
 * without a comparator call per pair: what deriving a large workspace's facts
 * spends most on otherwise. Any other key falls back to a comparison sort.
 */
export function stableOrder(keys: Float64Array): Int32Array {
  const n = keys.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let radix = true,
    max = 0;
  for (let i = 0; i < n && radix; i++) {
    const k = keys[i]!;
    radix = k >= 0 && k < RADIX_LIMIT && Number.isInteger(k);
    if (k > max) max = k;
  }
  if (!radix) return order.sort((a, b) => keys[a]! - keys[b]! || a - b);
  let next = new Int32Array(n);
  const counts = new Int32Array(DIGITS);
  for (let shift = 1; shift <= max; shift *= DIGITS) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(keys[i]! / shift) % DIGITS]!++;
    for (let d = 0, sum = 0; d < DIGITS; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const p = order[i]!;
      next[counts[Math.floor(keys[p]! / shift) % DIGITS]!++] = p;
    }
    [order, next] = [next, order];
  }
  return order;
}
