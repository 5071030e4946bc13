/**
 * One home for what each metric reads and how it is judged: the sources its
 * judgement needs (spec/metrics.md, Coverage), how its headline value reads,
 * and its platform-engineering target with the words that state it. The
 * engine (targets, coverage), the dashboard (definitions), the report and the
 * "no data" wording all read this table, so a new metric adds one entry here
 * instead of a rule in each of them.
 */
import type { MetricName } from "./names";
import type { Coverage, MetricValues } from "./types";

/** A source type whose presence the coverage rules check. */
export type Source = keyof Coverage;

export interface MetricCatalogEntry {
  /** The sources its tier and target read: all of `all`, and (when given) at least one of `any`. */
  needs: { all: Source[]; any?: Source[] };
  /** How its headline value reads: a share in [0, 1] shown in percent, or a plain number. */
  format: "percent" | "number";
  /**
   * Its platform-engineering target: met when the value it reads is below
   * (or above) the limit; `goal` and `sentence` are how pages and the report say it.
   */
  target: {
    value: (m: Omit<MetricValues, "targets" | "coverage">) => number | null;
    met: "below" | "above";
    limit: number;
    goal: string;
    sentence: string;
  } | null;
}

export const METRIC_CATALOG: Record<MetricName, MetricCatalogEntry> = {
  deploymentFrequency: {
    needs: { all: ["deployments"] },
    format: "number",
    target: {
      value: (m) => m.deploymentFrequency.perDay,
      met: "above",
      limit: 1,
      goal: "more than 1 a day",
      sentence: "more than one deployment a day",
    },
  },
  leadTime: { needs: { all: ["deployments", "pullRequests"] }, format: "number", target: null },
  changeFailureRate: {
    needs: { all: ["deployments", "incidents"] },
    format: "percent",
    target: {
      value: (m) => m.changeFailureRate.rate,
      met: "below",
      limit: 0.05,
      goal: "below 5%",
      sentence: "a change failure rate below 5%",
    },
  },
  timeToRestore: {
    needs: { all: ["incidents"] },
    format: "number",
    target: {
      value: (m) => m.timeToRestore.medianHours,
      met: "below",
      limit: 1,
      goal: "below 1 h: minutes, not hours",
      sentence: "service restored within the hour",
    },
  },
  onboarding: {
    needs: { all: [], any: ["pullRequests", "commits"] },
    format: "number",
    target: {
      value: (m) => m.onboarding.medianDays,
      met: "below",
      limit: 7,
      goal: "below 7 days: days, not weeks",
      sentence: "newcomers merging within 7 days",
    },
  },
  timeToFirstDeploy: {
    needs: { all: ["deployments"] },
    format: "number",
    target: {
      value: (m) => m.timeToFirstDeploy.medianHours,
      met: "below",
      limit: 24,
      goal: "below 24 h: hours, not days",
      sentence: "new services in production within 24 hours",
    },
  },
  reworkRate: {
    needs: { all: ["deployments"] },
    format: "percent",
    target: {
      value: (m) => m.reworkRate.rate,
      met: "below",
      limit: 0.1,
      goal: "below 10%",
      sentence: "fewer than 10% of deployments being rework",
    },
  },
  failedDeploymentRecovery: {
    needs: { all: ["deployments", "incidents"] },
    format: "number",
    target: {
      value: (m) => m.failedDeploymentRecovery.medianHours,
      met: "below",
      limit: 1,
      goal: "below 1 h",
      sentence: "failed deployments recovered within the hour",
    },
  },
};

/** Every metric of the catalogue, in the order of spec/metrics.md. */
export const CATALOG_METRICS = Object.keys(METRIC_CATALOG) as MetricName[];

/** The sources whose absence withholds a metric's judgement; empty when it can be judged. */
export function missingSources(metric: MetricName, coverage: Coverage): Source[] {
  const need = METRIC_CATALOG[metric].needs;
  const missing = need.all.filter((s) => !coverage[s]);
  if (need.any && !need.any.some((s) => coverage[s])) missing.push(...need.any);
  return missing;
}
