import { RequestAbortedError } from "@/lib/errors";

/** How a long piece of work (a weekly series, an events body) is stopped and followed. */
export interface WorkOptions {
  /** Aborted when the caller went away: the work stops at the next unit with RequestAbortedError. */
  signal?: AbortSignal;
  /** Called after each unit (a week of a series, a batch of lines) with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** Throws {@link RequestAbortedError} once `signal` is aborted: long loops call it between units of work. */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RequestAbortedError();
}

/**
 * Lets the event loop serve other requests (and notice a client that left)
 * before the next unit of a long computation, so one request never starves the rest.
 */
export function yieldToOthers(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
