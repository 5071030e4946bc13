/** Time helpers of the demo generator; all times are UTC milliseconds. */
import { DAY_MS } from "@/lib/time";

/** How far back the demo history reaches from `now`. */
export const HISTORY_DAYS = 365;

/** RFC 3339 in UTC with whole seconds, as a person would write it: `2026-01-05T09:30:00Z`. */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The UTC midnight at or before `ms`. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(ms: number): number {
  return new Date(ms).getUTCDay();
}

export function isWeekend(ms: number): boolean {
  const day = weekdayOf(ms);
  return day === 0 || day === 6;
}

/** The first UTC midnight at or after `ms` falling on `weekday`. */
export function nextWeekday(ms: number, weekday: number): number {
  let day = startOfDay(ms);
  if (day < ms) day += DAY_MS;
  while (weekdayOf(day) !== weekday) day += DAY_MS;
  return day;
}

/** Whether a day falls in the year-end holidays, when hardly anybody merges anything. */
export function isHoliday(ms: number): boolean {
  const date = new Date(ms);
  const month = date.getUTCMonth(),
    day = date.getUTCDate();
  return (month === 11 && day >= 22) || (month === 0 && day <= 2);
}
