/**
 * Where each stream of a repository stands, kept as JSON in `sync_cursors`
 * (source "github", scope `owner/name`, stream name). A pass over a stream
 * reads newest first down to its lower bound: the watermark of the last
 * complete pass, else `--since`, else the beginning. After every stored page
 * the state records the page's end cursor (`after`), so a killed sync resumes
 * the pass; when the pass completes, the watermark moves to the newest time
 * seen, or back to the oldest item that could still change (a deployment or
 * workflow run in progress), so the next pass looks at it again.
 */
import { WEEK_MS } from "@/lib/time";

/** The streams of a repository, as named in `sync_cursors`. */
export type StreamName = "pull_requests" | "commits" | "deployments" | "incidents" | "releases";

export interface StreamState {
  /** What the stream's query depended on (incident labels, environments); a change restarts the stream. */
  key: string;
  /** Lower bound of the next pass: the newest time of the last complete pass. */
  watermark: string | null;
  /** End cursor of the last stored page of an unfinished pass. */
  after: string | null;
  /** Newest time seen in the unfinished pass. */
  high: string | null;
  /** Oldest time of an item of the unfinished pass that may still change. */
  reopen: string | null;
  /** The commit an unfinished pass over the history started from. */
  from: string | null;
}

/** An item still unsettled this long before the newest is taken as abandoned, not waited for. */
export const REOPEN_LIMIT_MS = WEEK_MS;

const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The stored state, or a fresh one when there is none, it is unreadable, or `key` changed. */
export function readState(text: string | null, key: string): StreamState {
  const fresh: StreamState = { key, watermark: null, after: null, high: null, reopen: null, from: null };
  if (!text) return fresh;
  try {
    const parsed = JSON.parse(text) as Partial<StreamState>;
    if (parsed.key !== key) return fresh;
    return { ...fresh, ...parsed };
  } catch {
    return fresh;
  }
}

/** The state as stored. */
export function writeState(state: StreamState): string {
  return JSON.stringify(state);
}

/** The lower bound of the pass (an RFC 3339 time), or null for everything. */
export function lowerBound(state: StreamState, since: string | null): string | null {
  return state.watermark ?? since;
}

/** Whether a time is at or above the bound (items equal to it are fetched again: harmless, and nothing at that instant is missed). */
export function atOrAbove(iso: string, bound: string | null): boolean {
  return bound === null || Date.parse(iso) >= Date.parse(bound);
}

const later = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(b) > Date.parse(a) ? b : a;
const earlier = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : Date.parse(b) < Date.parse(a) ? b : a;

/**
 * The state after one stored page. `newest` is the newest time on the page,
 * `unsettled` the oldest time of an item on it that may still change.
 */
export function afterPage(
  state: StreamState,
  page: {
    endCursor: string | null;
    done: boolean;
    newest: string | null;
    unsettled: string | null;
    from?: string | null;
  },
): StreamState {
  const high = later(state.high, page.newest);
  const reopen = earlier(state.reopen, page.unsettled);
  if (!page.done) return { ...state, after: page.endCursor, high, reopen, from: page.from ?? state.from };
  let watermark = high ?? state.watermark;
  const reopenAt = time(reopen),
    highAt = time(high);
  if (reopenAt !== null && highAt !== null && highAt - reopenAt <= REOPEN_LIMIT_MS) watermark = reopen;
  return { key: state.key, watermark, after: null, high: null, reopen: null, from: null };
}
