import { formatDate, parseDate, parseWindow } from "@/lib/metrics/window";
import { DAY_MS } from "@/lib/time";

/** What Next hands a page as `searchParams` once awaited. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The dashboard's window presets: the last N full days up to today's UTC midnight. */
export const PRESETS = [
  { key: "4w", label: "4 weeks", days: 28 },
  { key: "13w", label: "13 weeks", days: 91 },
  // 52 full weeks, so the weekly trend has no partial week and months are whole.
  { key: "12m", label: "12 months", days: 364 },
] as const;

/** The default window: the last 13 full weeks. */
export const DEFAULT_WINDOW_DAYS = 91;

/** A window as the URL and the service spell it: two `YYYY-MM-DD` UTC midnights, `to` exclusive. */
export interface WindowDates {
  from: string;
  to: string;
}

/** The filters every workspace page shares. */
export interface WorkspaceFilters extends WindowDates {
  team: string | null;
  /** The preset the window equals today, or null for a custom window. */
  preset: (typeof PRESETS)[number]["key"] | null;
}

/** The `days` days ending at today's UTC midnight (exclusive), so every day in it is complete. */
export function windowEndingToday(now: number, days = DEFAULT_WINDOW_DAYS): WindowDates {
  const to = Math.floor(now / DAY_MS) * DAY_MS;
  return { from: formatDate(to - days * DAY_MS), to: formatDate(to) };
}

/** One value of a search parameter; an empty form field means "not given". */
export function single(value: string | string[] | undefined): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v.trim() === "" ? null : v.trim();
}

/**
 * `?from=YYYY-MM-DD&to=YYYY-MM-DD&team=ID` over the default window (the last
 * 13 weeks). Either date alone keeps the default length. A bad date, `to`
 * not after `from` or a window over MAX_WINDOW_DAYS is a ValidationError naming the parameter.
 */
export function parseWorkspaceSearchParams(params: SearchParams, now: number): WorkspaceFilters {
  const fromParam = single(params.from);
  const toParam = single(params.to);
  const fallback = windowEndingToday(now);
  const to = toParam ?? fallback.to;
  const from = fromParam ?? formatDate(parseDate(to, "to") - DEFAULT_WINDOW_DAYS * DAY_MS);
  parseWindow(from, to, { from: "from", to: "to" });
  const preset = PRESETS.find((p) => {
    const w = windowEndingToday(now, p.days);
    return w.from === from && w.to === to;
  });
  return { from, to, team: single(params.team), preset: preset?.key ?? null };
}

/** The filters as typed, for showing them back in the form when they do not parse. */
export function rawFilters(params: SearchParams): { from: string; to: string; team: string | null } {
  return { from: single(params.from) ?? "", to: single(params.to) ?? "", team: single(params.team) };
}

/** A path with search parameters; null and empty values are left out. */
export function withParams(path: string, params: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The base path of a workspace: /w/SLUG. */
export function workspacePath(slug: string): string {
  return `/w/${encodeURIComponent(slug)}`;
}

/** The highest page number a list takes from the URL: beyond it every list is empty anyway. */
export const MAX_PAGE = 1_000_000;

/**
 * A page number from the URL: a whole number from 1 to MAX_PAGE, else 1.
 * (`?page=99999999999999999999` once reached SQLite as an offset past 2^63: "datatype mismatch".)
 */
export function parsePage(value: string | null): number {
  const n = Number(value);
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
}
