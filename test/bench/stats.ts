import { percentile } from "@/lib/metrics/percentile";

/** Summary of timing samples in milliseconds (median and p95 interpolated like numpy). */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export function timing(samples: readonly number[]): Timing {
  if (samples.length === 0) throw new Error("no samples");
  return {
    runs: samples.length,
    medianMs: percentile(samples, 0.5)!,
    p95Ms: percentile(samples, 0.95)!,
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
  };
}

/** Runs `work` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(work: () => T | Promise<T>): Promise<[ms: number, result: T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}
