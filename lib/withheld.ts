/**
 * Missing data is never a result (spec/metrics.md, Coverage): where a source
 * has no record before a window's end, the tiers and targets that read it are
 * withheld. This module is the one place that decides which metric needs which
 * source and that words "no data" and its reason, for the dashboard, the PDF,
 * the digest, the CLI and the maturity checks alike.
 */
import { formatDay } from "@/lib/format";
import { METRIC_NAMES, type MetricName, type MetricRecords, type MetricsWindow, summarise } from "@/lib/metrics";
import { METRIC_CATALOG, missingSources, type Source } from "@/lib/metrics/catalog";
import { mostlyUnknown, type PartialData, partialData } from "@/lib/metrics/coding-time";
import { coverage } from "@/lib/metrics/coverage";
import type { Coverage, MetricsReport, MetricValues, SourceStarts } from "@/lib/metrics/types";

export type { SourceStarts };

export { missingSources, type Source };

/** Why each metric's tier and target are withheld for a window; null where they are judged. */
export type Withheld = Record<MetricName, string | null>;

/** A window's metrics with the reasons their judgements are withheld. */
export type JudgedValues = MetricValues & { withheld: Withheld };

/** `altimeter metrics --json` with the reasons. */
export type JudgedReport = MetricsReport & { withheld: Withheld };

/** What the word is when a judgement (a tier, a target, a comparison) cannot be made. */
export const NO_DATA = "no data";

const NOUN: Record<Source, { one: string; article: string }> = {
  deployments: { one: "deployment", article: "a" },
  incidents: { one: "incident", article: "an" },
  pullRequests: { one: "pull request", article: "a" },
  commits: { one: "commit", article: "a" },
};

/** Which sources hold a record before `to` (the engine's rule, lib/metrics/coverage.ts). */
const coverageAt = (starts: SourceStarts, to: number): Coverage => coverage(starts, { from: to, to });

function joined(words: string[], conjunction: "and" | "or"): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}`;
}

/**
 * What is missing and what to do: "no incident data before 6 Apr 2026;
 * connect an incident source", or "…; the first incident is from 20 Apr 2026"
 * when the source starts later.
 */
function describeMissing(metric: MetricName, missing: Source[], starts: SourceStarts, before: string): string {
  const conjunction = METRIC_CATALOG[metric].needs.any?.includes(missing[0]!) ? "or" : "and";
  const parts = [
    `no ${joined(
      missing.map((s) => NOUN[s].one),
      "or",
    )} data before ${before}`,
  ];
  const later = missing.filter((s) => starts[s] !== null);
  const absent = missing.filter((s) => starts[s] === null);
  for (const s of later) parts.push(`the first ${NOUN[s].one} is from ${formatDay(starts[s]!)}`);
  if (absent.length > 0)
    parts.push(
      `connect ${joined(
        absent.map((s) => `${NOUN[s].article} ${NOUN[s].one} source`),
        conjunction,
      )}`,
    );
  return parts.join("; ");
}

/** Why a metric's tier and target are withheld for a window ending at `to`; null when they are judged. */
export function withheldReason(metric: MetricName, starts: SourceStarts, to: number): string | null {
  const missing = missingSources(metric, coverageAt(starts, to));
  return missing.length === 0 ? null : describeMissing(metric, missing, starts, formatDay(to));
}

/**
 * Why lead time or onboarding is not judged although its sources cover the
 * window: most of its rows have an unknown coding time (squash merges
 * collected from git only), so the number would read merge → deploy, or
 * 0 days, as a result. Null when most rows are known.
 */
export function partialReason(metric: MetricName, partial: PartialData): string | null {
  if (metric === "leadTime" && mostlyUnknown(partial.leadTime))
    return `${partial.leadTime.unknown} of ${partial.leadTime.of} changes have an unknown coding time (squash merges collected from git only), so their lead time runs from the merge; collect from GitHub to fill it`;
  if (metric === "onboarding" && mostlyUnknown(partial.onboarding))
    return `${partial.onboarding.unknown} of ${partial.onboarding.of} onboarded newcomers have an unknown onboarding time, not 0 days (their first commit is the squash merge of their first pull request, git only); collect from GitHub to fill it`;
  return null;
}

/** Every metric's reason for a window ending at `to`: missing sources first, then mostly unknown coding time. */
export function withheldReasons(starts: SourceStarts, to: number, partial: PartialData): Withheld {
  return Object.fromEntries(
    METRIC_NAMES.map((m) => [m, withheldReason(m, starts, to) ?? partialReason(m, partial)]),
  ) as Withheld;
}

/**
 * The withheld metrics grouped by reason, in the order given: one missing
 * incident source reads once for the change failure rate and time to restore.
 */
export function withheldByReason(withheld: Withheld): { metrics: MetricName[]; reason: string }[] {
  const groups = new Map<string, MetricName[]>();
  for (const metric of METRIC_NAMES) {
    const reason = withheld[metric];
    if (reason !== null) groups.set(reason, [...(groups.get(reason) ?? []), metric]);
  }
  return [...groups].map(([reason, metrics]) => ({ metrics, reason }));
}

/**
 * A window's metrics with their reasons (what every judgement on a page, in
 * the PDF or the digest reads). `partial` counts the rows of unknown coding
 * time behind them (lib/metrics/coding-time.ts, from the same records).
 */
export function judged<T extends MetricValues>(
  values: T,
  starts: SourceStarts,
  to: number,
  partial: PartialData,
): T & { withheld: Withheld } {
  return { ...values, withheld: withheldReasons(starts, to, partial) };
}

/** The metrics of a window's records, judged. */
export function judgedRecords(records: MetricRecords, w: MetricsWindow): JudgedValues {
  return judged(summarise(records, w), records.sources, w.to, partialData(records));
}

/**
 * Why no change against the previous period `[previousFrom, from)` is shown
 * for a metric, or null when both periods are covered for its sources.
 */
export function noComparisonReason(
  metric: MetricName,
  starts: SourceStarts,
  window: { from: number; to: number },
): string | null {
  const now = withheldReason(metric, starts, window.to);
  if (now !== null) return now;
  const missing = missingSources(metric, coverageAt(starts, window.from));
  if (missing.length === 0) return null;
  return describeMissing(metric, missing, starts, `${formatDay(window.from)}, when the previous period ends`);
}

/**
 * "no data: no incident data before 6 Apr 2026; connect an incident source",
 * or with a scope "no data in 3 of 13 weeks: …".
 */
export function noDataBecause(reason: string, scope?: string): string {
  return `${NO_DATA}${scope ? ` ${scope}` : ""}: ${reason}`;
}

/** What the word is when no change against the previous period can be shown. */
export const NO_COMPARISON = "no comparison";

/** "no comparison: no incident data before 5 Jan 2026, when the previous period ends; …" */
export function noComparisonBecause(reason: string): string {
  return `${NO_COMPARISON}: ${reason}`;
}
