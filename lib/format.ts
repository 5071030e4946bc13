/**
 * Numbers for reading, by the dashboard's rules (app/_components/format.ts),
 * so the PDF's sentences and the digest say what the dashboard's cards show.
 * Shared by the dashboard (app/_components/format.ts), lib/report and lib/digest.
 */
import { isPercent, type MetricName, type MetricValues } from "@/lib/metrics";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import { DAY_MS } from "@/lib/time";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const twoSignificant = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 2 });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayNoYear = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** A measured value with the precision its size deserves; null stays null (shown as "no data"). */
export function formatNumber(value: number | null): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  const size = Math.abs(value);
  if (size >= 100) return whole.format(value);
  if (size >= 10) return oneDecimal.format(value);
  if (size >= 0.1 || size === 0) return twoDecimals.format(value);
  return twoSignificant.format(value);
}

/** A share in [0, 1] as a percentage with one decimal, without the sign. */
export function formatPercent(share: number | null): string | null {
  return share === null || !Number.isFinite(share) ? null : oneDecimal.format(share * 100);
}

/** A metric's headline value as the dashboard's card shows it (rates in percent). */
export function formatHeadline(metric: MetricName, value: number | null): string | null {
  return isPercent(metric) ? formatPercent(value) : formatNumber(value);
}

/** "1 deployment", "3 deployments". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${whole.format(n)} ${n === 1 ? singular : plural}`;
}

/** "27 Aug 2026" for UTC milliseconds or a YYYY-MM-DD date. */
export function formatDay(date: number | string): string {
  return day.format(typeof date === "number" ? date : Date.parse(`${date}T00:00:00Z`));
}

/** "27 Aug" for UTC milliseconds or a YYYY-MM-DD date. */
export function formatShortDay(date: number | string): string {
  return dayNoYear.format(typeof date === "number" ? date : Date.parse(`${date}T00:00:00Z`));
}

/** "31 Aug – 22 Nov 2026" for a window `[from, to)`: the last day shown is the one before `to`. */
export function formatPeriod(from: string, to: string): string {
  const last = Date.parse(`${to}T00:00:00Z`) - DAY_MS;
  return from.slice(0, 4) === new Date(last).toISOString().slice(0, 4)
    ? `${formatShortDay(from)} – ${formatDay(last)}`
    : `${formatDay(from)} – ${formatDay(last)}`;
}

/** A relative change as "+12%" / "−3.5%", or in percentage points for a rate ("+1.5 pp"). */
export function formatChange(metric: MetricName, delta: number | null, relative: number | null): string | null {
  if (delta === null) return null;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  if (isPercent(metric)) return `${sign}${oneDecimal.format(Math.abs(delta) * 100)} pp`;
  if (relative === null) return `${sign}${formatNumber(Math.abs(delta))}`;
  const percent = Math.abs(relative) * 100;
  return `${sign}${percent < 10 ? oneDecimal.format(percent) : whole.format(percent)}%`;
}

/**
 * The counts behind a metric's headline value in one line, from the metric's
 * catalogue entry (lib/metrics/catalog.ts): every count on the dashboard's
 * cards ("card", " · " between), the CLI table ("table", ", " between), and
 * the digest's short form ("brief": the counts marked brief).
 */
export function countsBehind(metric: MetricName, m: MetricValues, form: "card" | "table" | "brief"): string {
  const parts = METRIC_CATALOG[metric].counts.filter((p) => form !== "brief" || p.brief);
  let line = "";
  for (const p of parts) {
    const text =
      p.kind === "count"
        ? count(p.value(m), p.noun, p.nouns)
        : p.kind === "tally"
          ? `${whole.format(p.value(m))} ${p.words}`
          : p.kind === "of"
            ? `${whole.format(p.value(m))} of ${count(p.total(m), p.noun)} ${p.words}`
            : `${p.label ? `${p.label} ` : ""}${formatNumber(p.value(m)) ?? "—"} ${p.unit}`;
    const join = p.kind === "count" && p.join ? p.join : form === "card" ? " · " : ", ";
    line = line === "" ? text : `${line}${join}${text}`;
  }
  return line;
}
