import type { MetricName } from "@/lib/metrics";
import { METRIC_CATALOG } from "@/lib/metrics/catalog";
import type { MetricValues, Targets, Tier } from "@/lib/metrics/types";
import type { JudgedValues } from "@/lib/withheld";

/**
 * What a person needs to read one metric: its name, unit, headline value and
 * a short form of lib/metrics/DEFINITIONS.md. Shared by the dashboard and
 * anything else that shows a number beside its definition (report, digest).
 */
export interface MetricInfo {
  name: MetricName;
  /** The metric in URLs: /w/SLUG/metrics/lead-time. */
  slug: string;
  title: string;
  /** A shorter title for table headings. */
  shortTitle: string;
  /** The unit of the headline value as shown ("%" for the change failure rate, shown ×100). */
  unit: string;
  /** The unit after a number in a table cell. */
  shortUnit: string;
  /** Whether a higher headline value is an improvement. */
  better: "higher" | "lower";
  /** One sentence: what is measured. */
  summary: string;
  /** The rules behind the number, in the words of DEFINITIONS.md. */
  rules: string[];
  /** The DORA 2023 tier thresholds, when the metric has tiers. */
  tiers: string | null;
  /**
   * The platform-engineering target: its key in `targets`, its goal in words
   * and the headline value it is judged against (for charts; the engine judges).
   */
  target: { key: keyof Targets; goal: string; threshold: number } | null;
}

/** A metric's target as pages show it, from its one home (lib/metrics/catalog.ts). */
function catalogTarget(name: keyof Targets): MetricInfo["target"] {
  const t = METRIC_CATALOG[name].target!;
  return { key: name, goal: t.goal, threshold: t.limit };
}

/** The eight metrics in the order of spec/metrics.md. */
export const METRIC_INFO: readonly MetricInfo[] = [
  {
    name: "deploymentFrequency",
    slug: "deployment-frequency",
    title: "Deployment frequency",
    shortTitle: "Deploy frequency",
    shortUnit: "/ day",
    unit: "deployments / day",
    better: "higher",
    summary: "Successful production deployments that finished in the window, per day.",
    rules: [
      "Counts deployments to a production environment (the workspace's production pattern) with status success and finishedAt in the window.",
      "Per day = deployments ÷ days of the window; deploy days = distinct days holding at least one.",
    ],
    tiers:
      "Elite: deploys on 5 or more days a week (median over full weeks). High: at least 1 day a week. Medium: at least 1 day a month. Low: less.",
    target: catalogTarget("deploymentFrequency"),
  },
  {
    name: "leadTime",
    slug: "lead-time",
    title: "Lead time for changes",
    shortTitle: "Lead time",
    shortUnit: "h",
    unit: "h median",
    better: "lower",
    summary: "From a merged pull request's first commit to the production deployment that shipped it.",
    rules: [
      "A merged pull request into the default branch ships in the first successful production deployment of its repository finishing at or after the merge.",
      "Lead time = that deployment's finishedAt − the pull request's first commit (else its creation). Counted when the deployment finished in the window.",
      "Negative lead times (clock skew) are dropped; medians and p90 are linearly interpolated.",
    ],
    tiers: "Elite: median under 1 day. High: under 1 week. Medium: under 30 days. Low: longer.",
    target: null,
  },
  {
    name: "changeFailureRate",
    slug: "change-failure-rate",
    title: "Change failure rate",
    shortTitle: "Change failure rate",
    shortUnit: "%",
    unit: "%",
    better: "lower",
    summary: "Share of production deployments that failed or caused an incident.",
    rules: [
      "Counts production deployments with status success or failure that finished in the window.",
      "A deployment failed when its status is failure or an incident is attributed to it: by the deployment it names, the commit that caused it, or the latest deploy of its repository (or team) within the attribution window.",
      "Each deployment counts once, however many incidents it caused.",
    ],
    tiers: "Elite: 5 % or less. High: 10 % or less. Medium: 15 % or less. Low: more.",
    target: catalogTarget("changeFailureRate"),
  },
  {
    name: "timeToRestore",
    slug: "time-to-restore",
    title: "Time to restore",
    shortTitle: "Time to restore",
    shortUnit: "h",
    unit: "h median",
    better: "lower",
    summary: "From an incident opening to its resolution, for incidents opened in the window.",
    rules: [
      "Counts incidents opened in the window; restore time = resolvedAt − openedAt.",
      "Open incidents are counted apart (open), never as zero or as now.",
    ],
    tiers: "Elite: median under 1 hour. High: under 1 day. Medium: under 1 week. Low: longer.",
    target: catalogTarget("timeToRestore"),
  },
  {
    name: "onboarding",
    slug: "onboarding",
    title: "Developer onboarding",
    shortTitle: "Onboarding",
    shortUnit: "days",
    unit: "days median",
    better: "lower",
    summary: "From a newcomer's start to their first merged pull request.",
    rules: [
      "Newcomers are people (not bots) whose start — joinedAt, else their first commit or pull request — is in the window and at least the grace period (30 days by default) after the data begins.",
      "Onboarding time = their earliest merged pull request − their start, in days.",
    ],
    tiers: null,
    target: catalogTarget("onboarding"),
  },
  {
    name: "timeToFirstDeploy",
    slug: "time-to-first-deploy",
    title: "Time to first deploy",
    shortTitle: "First deploy",
    shortUnit: "h",
    unit: "h median",
    better: "lower",
    summary: "From a new repository's creation to its first successful production deployment.",
    rules: [
      "New repositories are those created in the window (templates excluded), after the data begins.",
      "Time = the first successful production deployment's finishedAt − the repository's createdAt, in hours.",
    ],
    tiers: null,
    target: catalogTarget("timeToFirstDeploy"),
  },
  {
    name: "reworkRate",
    slug: "rework-rate",
    title: "Deployment rework rate",
    shortTitle: "Rework rate",
    shortUnit: "%",
    unit: "%",
    better: "lower",
    summary: "Share of production deployments made because of an incident or a user-facing bug (DORA 2024).",
    rules: [
      "Counts the deployments of deployment frequency: successful production deployments that finished in the window.",
      "A deployment is rework when an incident names it as its fix (fixDeploymentId), when a pull request it shipped has a title matching the rework pattern (default: starts with revert or hotfix) or a rework label (default: hotfix, revert, incident), or when it is the last production deploy of the incident's repositories between an incident's opening and its resolution.",
      "Each rework deployment in the drill-down names the rule that made it rework.",
    ],
    tiers: null,
    target: catalogTarget("reworkRate"),
  },
  {
    name: "failedDeploymentRecovery",
    slug: "failed-deployment-recovery",
    title: "Failed deployment recovery time",
    shortTitle: "Recovery",
    shortUnit: "h",
    unit: "h median",
    better: "lower",
    summary: "From a failed production deployment to its recovery (DORA 2023).",
    rules: [
      "Counts the deployments change failure rate counts as failed in the window.",
      "With incidents attributed to it, a deployment recovers when the last of them is resolved (never while one is open); a failed deployment without incidents recovers at the next successful production deployment of its repository.",
      "Recovery time = recovery − the deployment's finishedAt; median and mean over the recovered.",
    ],
    tiers: "Elite: median under 1 hour. High: under 1 day. Medium: under 1 week. Low: longer.",
    target: catalogTarget("failedDeploymentRecovery"),
  },
];

/** The information of a metric by name. */
export function metricInfo(name: MetricName): MetricInfo {
  return METRIC_INFO.find((m) => m.name === name)!;
}

/** The metric a URL slug names (`lead-time`, or the CLI's `leadTime`), or null. */
export function metricBySlug(slug: string): MetricInfo | null {
  return METRIC_INFO.find((m) => m.slug === slug || m.name === slug) ?? null;
}

/**
 * The one number a card shows for a metric: per day, a median, or the rate
 * (a share in [0, 1]). Null when there is nothing to measure.
 */
export function headlineValue(name: MetricName, m: MetricValues): number | null {
  switch (name) {
    case "deploymentFrequency":
      return m.deploymentFrequency.perDay;
    case "leadTime":
      return m.leadTime.medianHours;
    case "changeFailureRate":
      return m.changeFailureRate.rate;
    case "timeToRestore":
      return m.timeToRestore.medianHours;
    case "onboarding":
      return m.onboarding.medianDays;
    case "timeToFirstDeploy":
      return m.timeToFirstDeploy.medianHours;
    case "reworkRate":
      return m.reworkRate.rate;
    case "failedDeploymentRecovery":
      return m.failedDeploymentRecovery.medianHours;
  }
}

/**
 * The headline value as a chart plots it: null where the metric's judgement is
 * withheld, so a week without incident data never draws a 0 % under the target line.
 */
export function plottedHeadline(name: MetricName, m: JudgedValues): number | null {
  return m.withheld[name] === null ? headlineValue(name, m) : null;
}

/**
 * The DORA 2023 tier of a metric; undefined when the metric has none, null
 * when there is nothing to judge or its judgement is withheld (`m.withheld`).
 */
export function metricTier(name: MetricName, m: JudgedValues): Tier | null | undefined {
  const tier = engineTier(name, m);
  return tier === undefined ? undefined : m.withheld[name] === null ? tier : null;
}

/** Whether a metric's platform target is met; undefined without a target, null without data or when withheld. */
export function metricTarget(name: MetricName, m: JudgedValues): boolean | null | undefined {
  const key = metricInfo(name).target?.key;
  if (key === undefined) return undefined;
  return m.withheld[name] === null ? m.targets[key] : null;
}

function engineTier(name: MetricName, m: MetricValues): Tier | null | undefined {
  switch (name) {
    case "deploymentFrequency":
      return m.deploymentFrequency.tier;
    case "leadTime":
      return m.leadTime.tier;
    case "changeFailureRate":
      return m.changeFailureRate.tier;
    case "timeToRestore":
      return m.timeToRestore.tier;
    case "failedDeploymentRecovery":
      return m.failedDeploymentRecovery.tier;
    default:
      return undefined;
  }
}
