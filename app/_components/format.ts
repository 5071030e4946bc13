import * as numbers from "@/lib/format";
import type { Change } from "@/lib/service/comparison";
import type { MetricInfo } from "@/lib/service/definitions";
import { DAY_MS } from "@/lib/time";

// Numbers read the same on the dashboard, in the PDF and in the digest: one implementation, lib/format.ts.
export { count, formatDay, formatNumber, formatPercent, formatShortDay as formatWeek } from "@/lib/format";

/** A metric's headline value as its card shows it (the rate as a percentage). */
export function formatHeadline(info: Pick<MetricInfo, "name">, value: number | null): string | null {
  return numbers.formatHeadline(info.name, value);
}

/** The text, or "—" when it is absent. */
export function orDash(text: string | null): string {
  return text ?? "—";
}

/** "2026-09-01 14:03" (UTC) for a timestamp; "—" for null. */
export function formatTime(ms: number | null): string {
  return ms === null ? "—" : new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** "27 Aug – 25 Nov 2026 · 91 days": the last day shown is the one before the exclusive `to`. */
export function describeWindow(from: string, to: string): string {
  const fromMs = Date.parse(`${from}T00:00:00Z`),
    toMs = Date.parse(`${to}T00:00:00Z`);
  const days = Math.round((toMs - fromMs) / DAY_MS);
  return `${numbers.formatPeriod(from, to)} · ${numbers.count(days, "day")}`;
}

/**
 * The change against the previous period in words: relative for most metrics
 * ("+12%"), in percentage points for the change failure rate ("+1.5 pp").
 */
export function formatChange(info: Pick<MetricInfo, "name">, change: Change): string | null {
  return numbers.formatChange(info.name, change.delta, change.relative);
}
