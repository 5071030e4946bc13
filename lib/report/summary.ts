/**
 * The executive summary in plain words: where the organisation (or team)
 * stands on the metrics and the maturity rubric, how it moved against the
 * previous period, the verdict, and the three things to do next. Pure: the
 * report service hands in what the metrics and maturity services computed.
 */
import type { Level, NextStep, Recommendation, Verdict } from "@/lib/maturity/types";
import type { MetricName } from "@/lib/metrics";
import type { Targets, Tier } from "@/lib/metrics/types";
import { LEVELS } from "@/lib/maturity/rubric";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import { count, formatNumber, formatPercent } from "@/lib/format";
import { METRIC_INFO, metricTarget } from "@/lib/service/definitions";
import { noComparisonBecause, noDataBecause, type JudgedValues } from "@/lib/withheld";

/** A verdict as a sentence's subject can take it. */
export const VERDICT_WORDS: Record<Verdict, string> = {
  managed: "Use a managed platform",
  "managed-revisit": "Use a managed platform for now, and revisit later",
  custom: "Build a custom platform",
  "evolve-custom": "Evolve the custom platform",
  "insufficient-data": "No verdict yet: not enough data",
};

/** What the target of each metric is, in words (lib/metrics/catalog.ts). */
export const TARGET_WORDS = Object.fromEntries(
  Object.entries(METRIC_CATALOG).flatMap(([name, entry]) => (entry.target ? [[name, entry.target.sentence]] : [])),
) as Record<keyof Targets, string>;

/** How one metric moved against the previous period. */
export interface Movement {
  metric: MetricName;
  title: string;
  verdict: "better" | "worse" | "unchanged" | null;
  /** "−12%", "+1.5 pp" */
  change: string | null;
  /** Why there is no change to show: a period without data from the metric's sources. */
  unavailable: string | null;
}

/** What the summary reads. */
export interface SummaryInput {
  /** "Northwind" or "The Checkout team". */
  subject: string;
  /** The window's metrics; a withheld judgement is said to be "no data", never counted as met. */
  metrics: JudgedValues;
  days: number;
  movements: readonly Movement[];
  /** null when the scope could not be assessed (a team without repositories). */
  maturity: {
    level: Level;
    provisional: boolean;
    /** Teams per level, for an organisation. */
    distribution: Record<`${Level}`, number> | null;
    recommendation: Recommendation;
  } | null;
}

/** The summary's parts, each a list of sentences. */
export interface ExecutiveSummary {
  standing: string[];
  movement: string | null;
  /** null when the scope was not assessed. */
  verdict: { label: string; verdict: Verdict; because: string } | null;
  nextSteps: NextStep[];
}

const tier = (t: Tier | null) => (t === null ? "" : ` (DORA ${t})`);
const hours = (h: number) => `${formatNumber(h)} ${h === 1 ? "hour" : "hours"}`;

/** "Change failure rate — no data: no incident data before 6 Apr 2026; connect an incident source." */
function withheldSentences(m: JudgedValues): string[] {
  return METRIC_INFO.flatMap((info) => {
    const reason = m.withheld[info.name];
    return reason === null ? [] : [`${info.title} — ${noDataBecause(reason)}.`];
  });
}

/** The sentences of the metrics that can be judged; the others are said by withheldSentences. */
function metricSentences(subject: string, m: JudgedValues, days: number): string[] {
  const w = m.withheld;
  const d = m.deploymentFrequency,
    l = m.leadTime,
    c = m.changeFailureRate,
    r = m.timeToRestore,
    o = m.onboarding,
    f = m.timeToFirstDeploy;
  const out: string[] = [];
  if (w.deploymentFrequency === null)
    out.push(
      d.deployments === 0
        ? `${subject} made no successful production deployment in these ${days} days${tier(d.tier)}.`
        : `${subject} deploys to production ${formatNumber(d.perDay)} times a day${tier(d.tier)}: ${count(d.deployments, "deployment")} on ${count(d.deployDays, "day")} of ${days}.`,
    );
  if (l.medianHours !== null && w.leadTime === null)
    out.push(
      `A merged change reaches production in ${hours(l.medianHours)} at the median${tier(l.tier)}, and in ${hours(l.p90Hours!)} for the slowest tenth.`,
    );
  if (c.rate !== null && w.changeFailureRate === null)
    out.push(
      `${formatPercent(c.rate)}% of production deployments failed or caused an incident${tier(c.tier)}: ${c.failed} of ${c.deployments}.`,
    );
  if (w.timeToRestore === null)
    out.push(
      r.incidents === 0
        ? "No incident was opened."
        : r.medianHours === null
          ? `${count(r.incidents, "incident")} opened, none resolved yet.`
          : `Service is restored in ${hours(r.medianHours)} at the median${tier(r.tier)} (${count(r.incidents, "incident")}, ${r.open} still open).`,
    );
  if (o.medianDays !== null && w.onboarding === null)
    out.push(
      `Newcomers merge their first pull request ${formatNumber(o.medianDays)} days after starting (median of ${o.onboarded}).`,
    );
  else if (o.newcomers > 0 && w.onboarding === null)
    out.push(`${count(o.newcomers, "newcomer")} started; none has merged a pull request yet.`);
  if (f.medianHours !== null && w.timeToFirstDeploy === null)
    out.push(
      `New services reach production ${hours(f.medianHours)} after their repository is created (median of ${f.deployed}).`,
    );
  return out;
}

/** Targets met, missed and not judged; a withheld target is never counted as met. */
function targetSentence(m: JudgedValues): string {
  const judged = METRIC_INFO.flatMap((info) =>
    info.target ? [{ key: info.target.key, met: metricTarget(info.name, m) ?? null }] : [],
  );
  const keys = judged.map((t) => t.key);
  const met = judged.filter((t) => t.met === true).map((t) => t.key),
    missed = judged.filter((t) => t.met === false).map((t) => t.key),
    unknown = judged.filter((t) => t.met === null).map((t) => t.key);
  const list = (ks: (keyof Targets)[]) => ks.map((k) => TARGET_WORDS[k]).join(", ");
  const parts = [
    `It meets ${met.length} of the ${keys.length} platform-engineering targets${met.length ? ` (${list(met)})` : ""}`,
  ];
  if (missed.length) parts.push(`misses ${missed.length} (${list(missed)})`);
  if (unknown.length) parts.push(`and ${unknown.length} cannot be judged without data (${list(unknown)})`);
  return `${parts.join(", ")}.`;
}

function levelSentence(
  subject: string,
  level: Level,
  provisional: boolean,
  distribution: Record<`${Level}`, number> | null,
): string {
  const where =
    level === 0
      ? "below level 1 of the platform maturity rubric"
      : `at level ${level} of 4 on the platform maturity rubric, ${LEVELS[level - 1]!.name.toLowerCase()}`;
  let text = `${subject} stands ${where}${provisional ? " (provisional: questionnaire answers would confirm it)" : ""}.`;
  if (distribution) {
    const teams = Object.values(distribution).reduce((a, b) => a + b, 0);
    const parts = (["4", "3", "2", "1", "0"] as const)
      .filter((k) => distribution[k] > 0)
      .map((k) => `${distribution[k]} ${k === "0" ? "below level 1" : `at level ${k}`}`);
    if (teams > 0) text += ` Of its ${count(teams, "team")}, ${parts.join(", ")}.`;
  }
  return text;
}

/** What moved against the previous period, and which metrics cannot be compared and why. */
function movementSentence(movements: readonly Movement[], days: number): string | null {
  const better = movements.filter((m) => m.verdict === "better"),
    worse = movements.filter((m) => m.verdict === "worse"),
    blocked = movements.filter((m) => m.unavailable !== null);
  const list = (ms: Movement[]) => ms.map((m) => `${m.title.toLowerCase()} (${m.change})`).join(", ");
  const parts = [
    better.length ? `improved ${list(better)}` : null,
    worse.length ? `worsened ${list(worse)}` : null,
  ].filter(Boolean);
  const sentences = parts.length ? [`Against the previous ${days} days it ${parts.join(" and ")}.`] : [];
  // One sentence per reason: a missing incident source blocks several metrics' comparisons alike.
  const byReason = new Map<string, string[]>();
  for (const m of blocked) byReason.set(m.unavailable!, [...(byReason.get(m.unavailable!) ?? []), m.title]);
  for (const [reason, titles] of byReason) {
    const named = titles.map((t, i) => (i === 0 ? t : t.toLowerCase())).join(", ");
    sentences.push(`${named} — ${noComparisonBecause(reason)}.`);
  }
  return sentences.length ? sentences.join(" ") : null;
}

/** The executive summary of a report. */
export function executiveSummary(input: SummaryInput): ExecutiveSummary {
  const m = input.maturity;
  const standing = [
    ...metricSentences(input.subject, input.metrics, input.days),
    ...withheldSentences(input.metrics),
    targetSentence(input.metrics),
  ];
  if (m) standing.push(levelSentence(input.subject, m.level, m.provisional, m.distribution));
  return {
    standing,
    movement: movementSentence(input.movements, input.days),
    verdict: m
      ? {
          label: VERDICT_WORDS[m.recommendation.verdict],
          verdict: m.recommendation.verdict,
          because: m.recommendation.reasons[0]?.text ?? "",
        }
      : null,
    nextSteps: m ? m.recommendation.nextSteps.slice(0, 3) : [],
  };
}
