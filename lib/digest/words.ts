/** Shared phrasing of the digest renderers, so Markdown, mail and Slack say the same thing. */
import { formatNumber, formatPeriod } from "@/lib/format";
import { NO_COMPARISON, NO_DATA, noComparisonBecause, noDataBecause } from "@/lib/withheld";
import type {
  DigestMetric,
  DigestModel,
  FailedDeployment,
  NewcomerMerge,
  TeamMove,
  TierChange,
  WeekIncident,
} from "./model";

const time = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  hour12: false,
});

/** "Mon 16 Nov, 14:03 UTC" */
export function formatWhen(ms: number): string {
  return `${time.format(ms)} UTC`;
}

/** The mail subject and notification text. */
export function digestSubject(d: DigestModel): string {
  const m = (name: string) => d.metrics.find((x) => x.metric === name);
  const df = m("deploymentFrequency"),
    cfr = m("changeFailureRate");
  // A number whose source has no data is not news: "0% failed" without incident data says nothing.
  const parts = [
    df?.valueText && df.withheld === null ? `${df.valueText} deploys/day` : null,
    cfr?.valueText && cfr.withheld === null ? `${cfr.valueText}% failed` : null,
    d.incidents.count ? `${d.incidents.count} incident${d.incidents.count === 1 ? "" : "s"}` : null,
  ].filter(Boolean);
  return `${d.workspace.name} weekly digest ${d.week}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}

/** "16 Nov – 22 Nov 2026, against 19 Oct – 15 Nov 2026 (the four weeks before)" */
export function digestPeriod(d: DigestModel): string {
  return `${formatPeriod(d.from, d.to)}, against ${formatPeriod(d.baseline.from, d.baseline.to)} (the four weeks before)`;
}

/** "7.32 deployments / day", or "no data". */
export function valueWithUnit(text: string | null, unit: string): string {
  return text === null ? NO_DATA : `${text} ${unit}`;
}

/** "+12% (better)", "no comparison: no incident data before …" when a period lacks the sources, or "—". */
export function changeWords(m: DigestMetric): string {
  if (m.change === null) {
    if (m.unavailable === null) return "—";
    // When the week itself is not judged, tierWords says why.
    return m.withheld !== null ? NO_COMPARISON : noComparisonBecause(m.unavailable);
  }
  return m.verdict === "unchanged" || m.verdict === null ? m.change : `${m.change} (${m.verdict})`;
}

/**
 * "DORA elite", "DORA high (was medium)", "no data: no incident data before …"
 * when the judgement is withheld, or "" for metrics without tiers.
 */
export function tierWords(m: DigestMetric): string {
  if (m.withheld !== null) return noDataBecause(m.withheld);
  if (m.tier === undefined) return "";
  const now = m.tier ?? NO_DATA;
  return m.previousTier !== undefined && m.previousTier !== m.tier && m.tier !== null && m.previousTier !== null
    ? `${now} (was ${m.previousTier})`
    : now;
}

/** "Change failure rate: high → medium (down)" */
export function tierChangeWords(t: TierChange): string {
  return `${t.title}: ${t.from} → ${t.to} (${t.direction === "up" ? "up" : "down"})`;
}

/** "Checkout (+3): lead time −40%, deploy frequency +20%" */
export function moveWords(m: TeamMove): string {
  return `${m.name} (${m.score > 0 ? "+" : "−"}${Math.abs(m.score)}): ${m.changes.join(", ")}`;
}

/** "dep-1 of acme/cart, Mon 16 Nov 14:03 UTC: incident inc-9 by rule 3" */
export function failedWords(f: FailedDeployment): string {
  return `${f.id} of ${f.repository}, ${formatWhen(f.finishedAt)}: ${f.why}`;
}

/** "inc-9 Checkout down, opened Mon 16 Nov 14:03 UTC, restored in 2.1 h" */
export function incidentWords(i: WeekIncident): string {
  const restored = i.restoreHours === null ? "still open" : `restored in ${formatNumber(i.restoreHours)} h`;
  return `${i.id}${i.title ? ` ${i.title}` : ""}, opened ${formatWhen(i.openedAt)}, ${restored}`;
}

/**
 * "Ana Rao (checkout) merged acme/cart#12 on Tue 17 Nov, 3.2 days after
 * starting", or "…, onboarding time unknown (squash merge, git only)".
 */
export function newcomerWords(n: NewcomerMerge): string {
  const after =
    n.onboardingDays === null
      ? "onboarding time unknown (squash merge, git only)"
      : `${formatNumber(n.onboardingDays)} days after starting`;
  return `${n.name ?? n.id}${n.team ? ` (${n.team})` : ""} merged ${n.pullRequest} on ${formatWhen(n.mergedAt)}, ${after}`;
}
