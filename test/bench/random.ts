/**
 * The benchmark's only source of chance, so one seed and one end time always
 * yield the same workspace. Never Math.random here.
 */
import { Random } from "@/lib/demo/random";

/** Mixes two numbers into a 32-bit seed (murmur3's finaliser), so derived streams do not overlap. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The demo's seeded generator with the two extras the benchmark uses: numbered
 * independent streams and git object ids.
 */
export class Rng extends Random {
  constructor(seed: number, stream = 0) {
    super(mix(seed, stream));
  }

  /** An independent generator for one part of the workspace (a repository, the people…). */
  fork(stream: number): Rng {
    return new Rng(this.uint32(), stream);
  }

  uint32(): number {
    return Math.floor(this.next() * 4294967296);
  }

  /** A git object id: 40 lowercase hex digits. */
  sha(): string {
    return this.hex(40);
  }
}

/**
 * Splits `total` into parts proportional to `weights` that sum to exactly
 * `total` (each part rounds its share of what is left).
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  let left = total;
  let weightLeft = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, i) => {
    const n =
      i === weights.length - 1 ? left : weightLeft > 0 ? Math.min(left, Math.round((left * w) / weightLeft)) : 0;
    left -= n;
    weightLeft -= w;
    return n;
  });
}
