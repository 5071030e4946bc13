import type { Change } from "@/lib/service/comparison";
import type { MetricInfo } from "@/lib/service/definitions";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const twoSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayNoYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const DAY_MS = 86_400_000;

/**
 * A measured value for reading, with the precision its size deserves; null
 * stays null (the caller shows "no data"), so an absent value never reads as 0.
 */
export function formatNumber(value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const size = Math.abs(value);
  if (size >= 100) return whole.format(value);
  if (size >= 10) return oneDecimal.format(value);
  if (size >= 0.1 || size === 0) return twoDecimals.format(value);
  return twoSignificant.format(value);
}

/** A share in [0, 1] as a percentage, one decimal. */
export function formatPercent(share: number | null): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  return oneDecimal.format(share * 100);
}

/** A metric's headline value as its card shows it (the rate as a percentage). */
export function formatHeadline(info: Pick<MetricInfo, "name">, value: number | null): string | null {
  return info.name === "changeFailureRate" ? formatPercent(value) : formatNumber(value);
}

/** The text, or "—" when it is absent. */
export function orDash(text: string | null): string {
  return text ?? "—";
}

/** "1 deployment", "3 deployments". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${whole.format(n)} ${n === 1 ? singular : plural}`;
}

/** "27 Aug 2026" for a `YYYY-MM-DD` date or UTC milliseconds. */
export function formatDay(date: string | number): string {
  return day.format(typeof date === "number" ? date : Date.parse(`${date}T00:00:00Z`));
}

/** "2026-09-01 14:03" (UTC) for a timestamp; "—" for null. */
export function formatTime(ms: number | null): string {
  return ms === null ? "—" : new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** "27 Aug – 25 Nov 2026 · 91 days": the last day shown is the one before the exclusive `to`. */
export function describeWindow(from: string, to: string): string {
  const fromMs = Date.parse(`${from}T00:00:00Z`), toMs = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((toMs - fromMs) / DAY_MS);
  const sameYear = from.slice(0, 4) === new Date(toMs - DAY_MS).toISOString().slice(0, 4);
  const start = sameYear ? dayNoYear.format(fromMs) : day.format(fromMs);
  return `${start} – ${day.format(toMs - DAY_MS)} · ${count(days, "day")}`;
}

/** "Monday 31 Aug" week label for charts: the week's first day. */
export function formatWeek(from: string): string {
  return dayNoYear.format(Date.parse(`${from}T00:00:00Z`));
}

/**
 * The change against the previous period in words: relative for most metrics
 * ("+12%"), in percentage points for the change failure rate ("+1.5 pp").
 */
export function formatChange(info: Pick<MetricInfo, "name">, change: Change): string | null {
  if (change.delta === null) return null;
  const sign = change.delta > 0 ? "+" : change.delta < 0 ? "−" : "±";
  if (info.name === "changeFailureRate") return `${sign}${oneDecimal.format(Math.abs(change.delta) * 100)} pp`;
  if (change.relative === null) return `${sign}${formatNumber(Math.abs(change.delta))}`;
  const percent = Math.abs(change.relative) * 100;
  return `${sign}${percent < 10 ? oneDecimal.format(percent) : whole.format(percent)}%`;
}
