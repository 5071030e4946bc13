/**
 * Durations in milliseconds, the one unit of time inside Altimeter (UTC
 * milliseconds everywhere; zones only at the edges). Every module reads them
 * from here rather than spelling out `86_400_000`.
 */
export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
