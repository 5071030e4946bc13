/**
 * Where each stream of a project stands, kept as JSON in `sync_cursors`
 * (source "gitlab", scope = project path, stream name). Every stream reads
 * what changed since its watermark (the newest time of its last complete
 * pass), else `--since`, else everything, and records after each stored page
 * how far the pass got, so a killed sync resumes it.
 *
 * REST lists sorted by `updated_at` ascending are read by time, not by page
 * number: the next request asks for items updated after the newest time
 * stored so far (less a second, since GitLab's filters differ on whether the
 * bound is included; re-reading an item is harmless). An item updated during
 * the sync moves to the end of the list and is read there, so nothing is
 * skipped when pages shift. Only when a whole page shares one instant does the
 * page number move instead.
 */

/** The streams of a project, as named in `sync_cursors`. */
export type StreamName =
  | "merge_requests"
  | "commits"
  | "deployments"
  | "pipelines"
  | "incidents"
  | "incident_labels"
  | "releases";

export interface StreamState {
  /** What the stream's query depended on (the default branch, environments); a change restarts the stream. */
  key: string;
  /** Lower bound of the next pass: the newest time of the last complete pass. */
  watermark: string | null;
  /** The unfinished pass's position: a GraphQL end cursor, a page number, or (time-ordered lists) the newest time stored. */
  cursor: string | null;
  page: number | null;
  /** Newest time seen in the unfinished pass. */
  high: string | null;
  /** The commit an unfinished pass over the history started from, so pushes during the sync do not shift its pages. */
  from: string | null;
  /** Whether the stream ever stored an item (deployments: releases stand in only where there are none). */
  any?: boolean;
  /** When the unfinished pass started, for lists not ordered by update (pipelines). */
  started?: string | null;
}

/** The stored state, or a fresh one when there is none, it is unreadable, or `key` changed. */
export function readState(text: string | null, key: string): StreamState {
  const fresh: StreamState = { key, watermark: null, cursor: null, page: null, high: null, from: null };
  if (!text) return fresh;
  try {
    const parsed = JSON.parse(text) as Partial<StreamState>;
    return parsed.key === key ? { ...fresh, ...parsed } : fresh;
  } catch {
    return fresh;
  }
}

/** The later of two times (either may be null). */
export function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The newest of `times`, or null. */
export function newest(times: Iterable<string>): string | null {
  let best: string | null = null;
  for (const t of times) best = later(best, t);
  return best;
}

/** A finished pass: the watermark moves to the newest time it saw. */
export function passDone(state: StreamState, high: string | null, any = false): StreamState {
  return {
    key: state.key,
    watermark: later(state.watermark, later(state.high, high)),
    cursor: null,
    page: null,
    high: null,
    from: null,
    any: state.any || any,
  };
}

/**
 * The next position of a time-ordered REST pass after a stored page whose
 * newest update is `pageHigh`: from that time again at page 1 when time
 * moved, else the next page at the same time.
 */
export function timeStep(state: StreamState, lower: string | null, pageHigh: string | null, any: boolean): StreamState {
  const moved = pageHigh !== null && (lower === null || Date.parse(pageHigh) > Date.parse(lower));
  return {
    ...state,
    cursor: moved ? pageHigh : lower,
    page: moved ? null : (state.page ?? 1) + 1,
    high: later(state.high, pageHigh),
    any: state.any || any,
  };
}

/** `updated_after` for a time-ordered pass: a second before its bound, so neither reading of the bound loses an item. */
export function updatedAfter(bound: string | null): string | null {
  return bound === null ? null : new Date(Date.parse(bound) - 1000).toISOString();
}

/**
 * A finished pass over a list not ordered by update (pipelines, newest id
 * first): an item read early and updated during the pass is not read again,
 * so the watermark goes no later than a few minutes before the pass started.
 */
export function passDoneBefore(state: StreamState, high: string | null, clockSkewMs = 10 * 60_000): StreamState {
  const done = passDone(state, high);
  if (!state.started || done.watermark === null) return done;
  const limit = new Date(Date.parse(state.started) - clockSkewMs).toISOString();
  return Date.parse(done.watermark) > Date.parse(limit) ? { ...done, watermark: later(state.watermark, limit) } : done;
}
