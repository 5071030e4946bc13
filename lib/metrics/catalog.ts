/**
 * One home for what each metric reads and how it is judged: the sources its
 * judgement needs (spec/metrics.md, Coverage), how its headline value reads,
 * its platform-engineering target with the words that state it, the counts
 * behind its value and its drill-down's columns. The engine (targets,
 * coverage), the dashboard (definitions, cards, drill-down table), the report,
 * the digest, the CLI table and the "no data" wording all read this table, so a
 * new metric adds one entry here instead of a rule in each of them.
 */
import type { MetricName } from "./names";
import type { Coverage, MetricValues } from "./types";

/** A source type whose presence the coverage rules check. */
export type Source = keyof Coverage;

/** A metric's values without its judgement: what the counts behind its headline read. */
type Measured = Omit<MetricValues, "targets" | "coverage" | "withheld">;

/**
 * One number behind a metric's headline value. The dashboard's card says them
 * all (" · " between), the CLI table too (", "), and the digest only the
 * `brief` ones: lib/format.ts `countsBehind` renders every form from this.
 */
export type CountPart = { brief: boolean } & (
  | /** "12 deployments"; `join` (" on ") ties it to the part before instead of the separator. */ {
      kind: "count";
      value: (m: Measured) => number;
      noun: string;
      nouns?: string;
      join?: string;
    }
  | /** "4 resolved": a count with the words after it. */ {
      kind: "tally";
      value: (m: Measured) => number;
      words: string;
    }
  | /** "3 of 40 production deployments failed". */ {
      kind: "of";
      value: (m: Measured) => number;
      total: (m: Measured) => number;
      noun: string;
      words: string;
    }
  | /** "p90 12 h", "1.5 / week": a measured value with its label and unit ("—" when there is none). */ {
      kind: "measure";
      label?: string;
      value: (m: Measured) => number | null;
      unit: string;
    }
);

/**
 * One column of a metric's drill-down (lib/service/drilldown.ts fills the rows;
 * the CLI and CSV use `key`, the page shows `label` and formats by `format`).
 * - text / time (an ISO timestamp) / flag (yes or no) / url (the row's link, not shown);
 * - measure: a number in `unit`, formatted for reading and right-aligned;
 * - index: a whole number shown as it is and right-aligned (a day of the window);
 * - reference: a number that names something (a pull request's number), shown as it is.
 */
export interface DrillDownColumn {
  key: string;
  label: string;
  format: "text" | "time" | "flag" | "url" | "measure" | "index" | "reference";
  unit?: "h" | "days";
}

/** The drill-down of a metric: its columns in order, and the column whose cell links to the row's source. */
export interface DrillDown {
  columns: readonly DrillDownColumn[];
  linked: string | null;
}

export interface MetricCatalogEntry {
  /** The sources its tier and target read: all of `all`, and (when given) at least one of `any`. */
  needs: { all: readonly Source[]; any?: readonly Source[] };
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
  /** The counts behind its headline value, in the order they are said. */
  counts: readonly CountPart[];
  /** Its drill-down's columns. */
  drillDown: DrillDown;
}

function col<K extends string>(
  key: K,
  label: string,
  format: DrillDownColumn["format"] = "text",
  unit?: DrillDownColumn["unit"],
): DrillDownColumn & { key: K } {
  return unit ? { key, label, format, unit } : { key, label, format };
}

const URL = col("url", "Link", "url");

const ENTRIES = {
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
    counts: [
      { kind: "count", value: (m) => m.deploymentFrequency.deployments, noun: "deployment", brief: true },
      { kind: "count", value: (m) => m.deploymentFrequency.deployDays, noun: "day", join: " on ", brief: true },
      { kind: "measure", value: (m) => m.deploymentFrequency.perWeek, unit: "/ week", brief: false },
    ],
    drillDown: {
      columns: [
        col("deployment", "Deployment"),
        col("repository", "Repository"),
        col("environment", "Environment"),
        col("finishedAt", "Finished (UTC)", "time"),
        col("day", "Day of window", "index"),
        URL,
      ],
      linked: "deployment",
    },
  },
  leadTime: {
    needs: { all: ["deployments", "pullRequests"] },
    format: "number",
    target: null,
    counts: [
      { kind: "count", value: (m) => m.leadTime.changes, noun: "change", brief: true },
      { kind: "measure", label: "p90", value: (m) => m.leadTime.p90Hours, unit: "h", brief: true },
    ],
    drillDown: {
      columns: [
        col("repository", "Repository"),
        col("pullRequest", "Pull request", "reference"),
        col("startedAt", "First commit (UTC)", "time"),
        col("mergedAt", "Merged (UTC)", "time"),
        col("deployment", "Deployment"),
        col("deployedAt", "Deployed (UTC)", "time"),
        col("leadTimeHours", "Lead time", "measure", "h"),
        col("counted", "Counted", "flag"),
        URL,
      ],
      linked: "pullRequest",
    },
  },
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
    counts: [
      {
        kind: "of",
        value: (m) => m.changeFailureRate.failed,
        total: (m) => m.changeFailureRate.deployments,
        noun: "production deployment",
        words: "failed",
        brief: true,
      },
    ],
    drillDown: {
      columns: [
        col("deployment", "Deployment"),
        col("repository", "Repository"),
        col("finishedAt", "Finished (UTC)", "time"),
        col("status", "Status"),
        col("failed", "Failed", "flag"),
        col("why", "Why"),
        URL,
      ],
      linked: "deployment",
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
    counts: [
      { kind: "count", value: (m) => m.timeToRestore.incidents, noun: "incident", brief: true },
      { kind: "tally", value: (m) => m.timeToRestore.resolved, words: "resolved", brief: false },
      { kind: "tally", value: (m) => m.timeToRestore.open, words: "open", brief: true },
      { kind: "measure", label: "mean", value: (m) => m.timeToRestore.meanHours, unit: "h", brief: false },
    ],
    drillDown: {
      columns: [
        col("incident", "Incident"),
        col("title", "Title"),
        col("openedAt", "Opened (UTC)", "time"),
        col("resolvedAt", "Resolved (UTC)", "time"),
        col("restoreHours", "Restore", "measure", "h"),
        col("attributedTo", "Attributed to"),
        URL,
      ],
      linked: "incident",
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
    counts: [
      { kind: "count", value: (m) => m.onboarding.newcomers, noun: "newcomer", brief: true },
      { kind: "tally", value: (m) => m.onboarding.onboarded, words: "merged a pull request", brief: true },
      { kind: "measure", label: "p90", value: (m) => m.onboarding.p90Days, unit: "days", brief: false },
    ],
    drillDown: {
      columns: [
        col("person", "Person"),
        col("team", "Team"),
        col("start", "Start (UTC)", "time"),
        col("startFrom", "Start from"),
        col("firstMergedPullRequest", "First merged pull request"),
        col("mergedAt", "Merged (UTC)", "time"),
        col("onboardingDays", "Onboarding", "measure", "days"),
        URL,
      ],
      linked: "firstMergedPullRequest",
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
    counts: [
      {
        kind: "count",
        value: (m) => m.timeToFirstDeploy.newRepositories,
        noun: "new repository",
        nouns: "new repositories",
        brief: true,
      },
      { kind: "tally", value: (m) => m.timeToFirstDeploy.deployed, words: "deployed", brief: true },
    ],
    drillDown: {
      columns: [
        col("repository", "Repository"),
        col("name", "Name"),
        col("createdAt", "Created (UTC)", "time"),
        col("firstDeployment", "First deployment"),
        col("deployedAt", "Deployed (UTC)", "time"),
        col("hours", "To first deploy", "measure", "h"),
      ],
      linked: null,
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
    counts: [
      {
        kind: "of",
        value: (m) => m.reworkRate.rework,
        total: (m) => m.reworkRate.deployments,
        noun: "production deployment",
        words: "were rework",
        brief: true,
      },
    ],
    drillDown: {
      columns: [
        col("deployment", "Deployment"),
        col("repository", "Repository"),
        col("finishedAt", "Finished (UTC)", "time"),
        col("rework", "Rework", "flag"),
        col("why", "Why"),
        URL,
      ],
      linked: "deployment",
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
    counts: [
      { kind: "count", value: (m) => m.failedDeploymentRecovery.failed, noun: "failed deployment", brief: true },
      { kind: "tally", value: (m) => m.failedDeploymentRecovery.recovered, words: "recovered", brief: false },
      { kind: "tally", value: (m) => m.failedDeploymentRecovery.unrecovered, words: "not recovered", brief: true },
      { kind: "measure", label: "mean", value: (m) => m.failedDeploymentRecovery.meanHours, unit: "h", brief: false },
    ],
    drillDown: {
      columns: [
        col("deployment", "Deployment"),
        col("repository", "Repository"),
        col("finishedAt", "Finished (UTC)", "time"),
        col("failedBy", "Failed by"),
        col("recoveredAt", "Recovered (UTC)", "time"),
        col("recoveredBy", "Recovered by"),
        col("recoveryHours", "Recovery", "measure", "h"),
        URL,
      ],
      linked: "deployment",
    },
  },
} as const satisfies Record<MetricName, MetricCatalogEntry>;

export const METRIC_CATALOG: Record<MetricName, MetricCatalogEntry> = ENTRIES;

/** The column names of a metric's drill-down, as the rows are keyed (lib/service/drilldown.ts). */
export type DrillDownKey<M extends MetricName> = (typeof ENTRIES)[M]["drillDown"]["columns"][number]["key"];

/** Every metric of the catalogue, in the order of spec/metrics.md. */
export const CATALOG_METRICS = Object.keys(METRIC_CATALOG) as MetricName[];

/** The sources whose absence withholds a metric's judgement; empty when it can be judged. */
export function missingSources(metric: MetricName, coverage: Coverage): Source[] {
  const need = METRIC_CATALOG[metric].needs;
  const missing = need.all.filter((s) => !coverage[s]);
  if (need.any && !need.any.some((s) => coverage[s])) missing.push(...need.any);
  return missing;
}
