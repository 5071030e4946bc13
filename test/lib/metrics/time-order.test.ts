import { describe, expect, test } from "vitest";
import { between, firstAfter, stableOrder, timed } from "@/lib/metrics/time-order";
import { Random } from "@/lib/demo/random";

/** The stable argsort by comparison: what stableOrder must give. */
const byComparison = (keys: Float64Array) => Array.from(keys, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);

describe("stableOrder (lib/metrics/time-order.ts)", () => {
  const rng = new Random(7);
  const cases: [string, () => number][] = [
    ["times in ms with many ties", () => 1_700_000_000_000 + rng.int(0, 2_000) * 1000],
    ["durations from 0 up, mostly distinct", () => rng.int(0, 2 ** 40)],
    ["small keys (one radix pass)", () => rng.int(0, 9)],
    ["keys right below the radix limit", () => 2 ** 48 - 1 - rng.int(0, 5)],
    ["fractions (sorted by comparison)", () => rng.int(0, 50) / 4],
    ["negative keys (sorted by comparison)", () => rng.int(-100, 100)],
    ["keys past the radix limit (sorted by comparison)", () => 2 ** 50 + rng.int(0, 3)],
  ];
  for (const [what, key] of cases) {
    test(`gives the stable order of ${what}`, () => {
      for (const n of [0, 1, 2, 17, 5_000]) {
        const keys = Float64Array.from({ length: n }, key);
        expect([...stableOrder(keys)], `${n} keys`).toEqual(byComparison(keys));
      }
    });
  }

  test("a window of a Timed list is found by its times, at both ends", () => {
    const list = timed([10, 20, 20, 30, 40], (t) => t);
    expect(between(list, 20, 40)).toEqual([20, 20, 30]);
    expect(between(list, 0, 10)).toEqual([]);
    expect(between(list, 41, 99)).toEqual([]);
    expect(firstAfter(list, 20)).toBe(30);
    expect(firstAfter(list, 40)).toBeNull();
    expect(firstAfter(list, 0)).toBe(10);
  });
});
