import { ValidationError } from "@/lib/errors";
import { DAY_MS, WEEK_MS } from "@/lib/time";
import type { MetricsWindow } from "./types";

/** Whether `t` lies in `[from, to)`. */
export function inWindow(t: number | null, w: MetricsWindow): t is number {
  return t !== null && t >= w.from && t < w.to;
}

/** Whole days in the window (an integer ≥ 1 for a valid window). */
export function windowDays(w: MetricsWindow): number {
  return (w.to - w.from) / DAY_MS;
}

/** The full 7-day buckets from `from`; a trailing partial bucket is not a week. */
export function fullWeeks(w: MetricsWindow): MetricsWindow[] {
  const weeks: MetricsWindow[] = [];
  for (let start = w.from; start + WEEK_MS <= w.to; start += WEEK_MS) weeks.push({ from: start, to: start + WEEK_MS });
  return weeks;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a `YYYY-MM-DD` date; a bad date is a ValidationError naming `label`. */
export function parseDate(text: string, label: string): number {
  const m = DATE.exec(text);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || formatDate(ms) !== text) {
    throw new ValidationError(`${label} must be a date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
  return ms;
}

/** `YYYY-MM-DD` of a UTC timestamp. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The longest window anyone may ask for: three years. One request computes at
 * most this much (a weekly series of {@link MAX_SERIES_WEEKS} weeks, a
 * dashboard of six years with the previous period), so no query can hold the
 * server for long or fill its memory.
 */
export const MAX_WINDOW_DAYS = 1096;
/** The most weeks a weekly series has: the full weeks of the longest window. */
export const MAX_SERIES_WEEKS = Math.floor(MAX_WINDOW_DAYS / 7);

/** Refuses a window longer than {@link MAX_WINDOW_DAYS}, naming the bound and the parameters as the caller spells them. */
export function checkWindowLength(w: MetricsWindow, labels: { from: string; to: string }): void {
  const days = windowDays(w);
  if (days > MAX_WINDOW_DAYS)
    throw new ValidationError(
      `the window ${labels.from} (${formatDate(w.from)}) to ${labels.to} (${formatDate(w.to)}) is ${days} days long: ` +
        `a window is at most ${MAX_WINDOW_DAYS} days (three years; a weekly series at most ${MAX_SERIES_WEEKS} weeks)`,
    );
}

/**
 * The window `[from, to)` of two dates, refused unless `to` is after `from` and
 * the window is at most {@link MAX_WINDOW_DAYS} long. Messages name the dates as
 * the caller spells them: `--from`/`--to` for the CLI, `from`/`to` for a URL.
 */
export function parseWindow(
  from: string,
  to: string,
  labels: { from: string; to: string } = { from: "--from", to: "--to" },
): MetricsWindow {
  const w = { from: parseDate(from, labels.from), to: parseDate(to, labels.to) };
  if (w.to <= w.from)
    throw new ValidationError(
      `${labels.to} (${to}) must be after ${labels.from} (${from}): the window runs from "${labels.from}" up to, not including, "${labels.to}"`,
    );
  checkWindowLength(w, labels);
  return w;
}
