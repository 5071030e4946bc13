const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** Why a text is not an event-format timestamp, or its UTC milliseconds. */
export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: string };

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The years a timestamp may name: delivery data is never older than Unix time, and 2200 is far enough for any plan. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2200;

/**
 * Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` + `Z` or `±HH:MM` into UTC milliseconds.
 * A fraction finer than a millisecond is kept as a fractional millisecond, so
 * durations stay exact. A timestamp without a zone is refused, never guessed.
 */
export function parseTimestamp(text: string): TimestampResult {
  const m = RFC3339.exec(text);
  if (!m) return { ok: false, reason: "not an RFC 3339 timestamp (YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM)" };
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  if (!zone) return { ok: false, reason: "timestamp without a zone (add Z or ±HH:MM)" };
  const year = Number(y),
    month = Number(mo),
    day = Number(d);
  const hour = Number(h),
    minute = Number(mi),
    second = s ? Number(s) : 0;
  // Outside these, Date.UTC would read 0050 as 1950, and nothing real happens then.
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `year ${y} is outside ${MIN_YEAR}–${MAX_YEAR}` };
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || maxDay === undefined || day < 1 || day > maxDay) {
    return { ok: false, reason: "not a calendar date" };
  }
  if (hour > 23 || minute > 59 || second > 60) return { ok: false, reason: "not a time of day" };
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const oh = Number(zone.slice(1, 3)),
      om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return { ok: false, reason: "not a zone offset" };
    offsetMinutes = sign * (oh * 60 + om);
  }
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  if (frac) {
    ms += Number(frac.slice(0, 3).padEnd(3, "0"));
    if (frac.length > 3) ms += Number(`0.${frac.slice(3)}`);
  }
  return { ok: true, ms };
}

/** Formats UTC milliseconds as an RFC 3339 timestamp in UTC (`…Z`). */
export function formatTimestamp(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}
