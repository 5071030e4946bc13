import { ValidationError } from "@/lib/errors";
import { DAY_MS, WEEK_MS } from "@/lib/time";

/** An ISO 8601 week: Monday 00:00 UTC to the next Monday, `to` exclusive like every window. */
export interface IsoWeek {
  /** 2026-W47 */
  label: string;
  from: number;
  to: number;
}

/** Monday 00:00 UTC of the week holding `ms`. */
function mondayOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS;
}

/** The ISO week holding the instant `ms` (its year is the year of its Thursday). */
export function isoWeekOf(ms: number): IsoWeek {
  const from = mondayOf(ms);
  const thursday = new Date(from + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return { label: `${year}-W${String(week).padStart(2, "0")}`, from, to: from + WEEK_MS };
}

/** The last complete ISO week before the one holding `now`: what a Monday digest reports on. */
export function previousIsoWeek(now: number): IsoWeek {
  return isoWeekOf(mondayOf(now) - WEEK_MS);
}

/** `2026-W47` as a week; anything else (or week 53 of a year without one) is a ValidationError naming `flag`. */
export function parseIsoWeek(text: string, flag = "--week"): IsoWeek {
  const m = /^(\d{4})-W(\d{2})$/.exec(text);
  if (m) {
    const year = Number(m[1]),
      week = Number(m[2]);
    const jan4 = Date.UTC(year, 0, 4);
    const parsed = isoWeekOf(mondayOf(jan4) + (week - 1) * WEEK_MS);
    if (week >= 1 && parsed.label === text) return parsed;
  }
  throw new ValidationError(`${flag} must be an ISO week as YYYY-Www (e.g. 2026-W47), got ${JSON.stringify(text)}`);
}

/** The `count` weeks just before `week`, as one window (the digest's baseline). */
export function weeksBefore(week: IsoWeek, count: number): { from: number; to: number } {
  return { from: week.from - count * WEEK_MS, to: week.from };
}
