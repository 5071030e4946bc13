/**
 * The benchmark's only source of chance: a seeded sfc32 generator (128-bit
 * state), so one seed and one end time always yield the same workspace.
 * Never Math.random here.
 */

/** Mixes two numbers into a 32-bit seed (murmur3's finaliser), so derived streams do not overlap. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A seeded pseudo-random generator with the distributions the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private spareNormal: number | null = null;

  constructor(seed: number, stream = 0) {
    this.a = mix(seed, stream);
    this.b = mix(stream, seed);
    this.c = mix(seed ^ 0x5bd1e995, stream + 1);
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /** An independent generator for one part of the workspace (a repository, the people…). */
  fork(stream: number): Rng {
    return new Rng(this.uint32(), stream);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A standard normal value (Box–Muller, the spare kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    const u = 1 - this.next(), v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** A log-normal value with this median; sigma sets how long the tail is. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A git object id: 40 lowercase hex digits. */
  sha(): string {
    let s = "";
    for (let i = 0; i < 5; i++) s += this.uint32().toString(16).padStart(8, "0");
    return s;
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
    const n = i === weights.length - 1 ? left : weightLeft > 0 ? Math.min(left, Math.round((left * w) / weightLeft)) : 0;
    left -= n;
    weightLeft -= w;
    return n;
  });
}
