import { ValidationError } from "@/lib/errors";
import { DAY_MS, formatDate, parseDate } from "@/lib/metrics/window";

/** The default window: the last 13 full weeks. */
export const DEFAULT_WINDOW_DAYS = 91;

/** A window as the URL and the service spell it: two `YYYY-MM-DD` UTC midnights, `to` exclusive. */
export interface WindowDates {
  from: string;
  to: string;
}

/** The dashboard's filters for a workspace page. */
export interface WorkspaceFilters extends WindowDates {
  team: string | null;
  /** Whether the URL chose the window (links then carry it along). */
  customWindow: boolean;
}

/** What Next hands a page as `searchParams` once awaited. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The `days` days ending at today's UTC midnight (exclusive), so every day in it is complete. */
export function windowEndingToday(now: number, days = DEFAULT_WINDOW_DAYS): WindowDates {
  const to = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: formatDate(to - days * DAY_MS), to: formatDate(to) };
}

function single(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  // An empty form field means "not given", not a bad date.
  return v === undefined || v.trim() === "" ? null : v.trim();
}

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD&team=ID` over the default window. Either
 * date alone keeps the default length: `to` alone ends the 13 weeks there,
 * `from` alone runs them to today. A bad date or `to` not after `from` is a
 * ValidationError naming the parameter.
 */
export function parseWorkspaceSearchParams(params: SearchParams, now: number): WorkspaceFilters {
  const fromParam = single(params.from);
  const toParam = single(params.to);
  const team = single(params.team);
  const fallback = windowEndingToday(now);
  const to = toParam ?? fallback.to;
  const toMs = parseDate(to, "to");
  const from = fromParam ?? formatDate(toMs - DEFAULT_WINDOW_DAYS * DAY_MS);
  const fromMs = parseDate(from, "from");
  if (toMs <= fromMs) throw new ValidationError(`to (${to}) must be after from (${from}): the window runs from "from" up to, not including, "to"`);
  return { from, to, team, customWindow: fromParam !== null || toParam !== null };
}

/** The URL of a workspace page with these filters; the default window is left out of it. */
export function workspaceHref(slug: string, filters: { from?: string | null; to?: string | null; team?: string | null }): string {
  const query = new URLSearchParams();
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.team) query.set("team", filters.team);
  const qs = query.toString();
  return `/w/${encodeURIComponent(slug)}${qs ? `?${qs}` : ""}`;
}
