import { UpstreamError } from "@/lib/errors";

/** How often and how long apart to try within one delivery. */
export interface RetryPolicy {
  attempts: number;
  /** Waits before the 2nd, 3rd… attempt; the last value repeats. */
  delaysMs: number[];
}

/** Three attempts, 2 s and 10 s apart: enough for a greylisting or restarting mail server. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delaysMs: [2_000, 10_000] };

/** Whether another attempt may succeed: network trouble, a server error, a rate limit. Bad input or credentials will fail again. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof UpstreamError &&
    (error.kind === "network" || error.kind === "server" || error.kind === "rate_limit")
  );
}

/**
 * Runs `work` until it succeeds, a permanent error, or the attempts run out,
 * telling `onFailure` about each failed attempt (so it is recorded) and
 * whether another follows. Rethrows the last error.
 */
export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  onFailure: (attempt: number, error: unknown, retrying: boolean) => Promise<void>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      const retrying = attempt < policy.attempts && isTransient(error) && !signal?.aborted;
      await onFailure(attempt, error, retrying);
      if (!retrying) throw error;
      const delay = policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)] ?? 0;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}
