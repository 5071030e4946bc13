/**
 * Inputs and outputs of the metrics engine (spec/metrics.md). The engine is
 * pure: the service loads these plain rows for a workspace and hands them over.
 * Every timestamp is UTC milliseconds.
 */
import type { DeploymentStatus } from "@/lib/events/types";

export type Tier = "elite" | "high" | "medium" | "low";

/** `[from, to)`, two UTC midnights. */
export interface MetricsWindow {
  from: number;
  to: number;
}

/** A workspace's metric settings. */
export interface MetricsSettings {
  /** Matches production environment names (case-insensitive). */
  productionEnv: RegExp;
  /** Incident attribution window for rules 3 and 4; 0 means unlimited. */
  attributionWindowMs: number;
  /** Newcomers start at least this long after dataStart. */
  newcomerGraceMs: number;
  /** Searched (case-insensitive) in the titles of pull requests linked to a deployment: a match makes it rework (§7). */
  reworkPattern: RegExp;
  /** Labels that make a linked pull request rework, compared ignoring case (§7). */
  reworkLabels: string[];
}

export interface RepositoryRow {
  id: string;
  name: string;
  createdAt: number;
  teamId: string | null;
  defaultBranch: string | null;
  isTemplate: boolean | null;
  url: string | null;
}

export interface DeploymentRow {
  id: string;
  repositoryId: string;
  environment: string;
  status: DeploymentStatus;
  createdAt: number;
  finishedAt: number | null;
  sha: string | null;
}

/** A merged pull request, with what lead time reads (links to the source are loaded for drill-downs only). */
export interface PullRequestRow {
  repositoryId: string;
  number: number;
  createdAt: number;
  firstCommitAt: number | null;
  mergedAt: number | null;
  baseBranch: string | null;
  title: string | null;
  labels: string[] | null;
}

/**
 * A pull request the commit graph ships in another deployment than the time
 * rule's first deployment after its merge (spec/metrics.md §2); deploymentId
 * null when no deployment contains it. Computed at import (lib/metrics/graph-links.ts).
 */
export interface GraphLinkRow {
  repositoryId: string;
  number: number;
  deploymentId: string | null;
}

export interface IncidentRow {
  id: string;
  openedAt: number;
  resolvedAt: number | null;
  title: string | null;
  repositoryId: string | null;
  teamId: string | null;
  deploymentId: string | null;
  causeSha: string | null;
  /** The deployment that resolved it (§7 rule 1), as recorded; may dangle. */
  fixDeploymentId: string | null;
  url: string | null;
}

/** A pull request named by its identity. */
export interface PullRequestRef {
  repositoryId: string;
  number: number;
  at: number;
  url: string | null;
}

/** A person with the workspace-wide facts of their activity, aggregated by the store. */
export interface PersonRow {
  id: string;
  name: string | null;
  teamId: string | null;
  joinedAt: number | null;
  isBot: boolean | null;
  /** Earliest `authoredAt` of their commits, any repository. */
  firstCommitAt: number | null;
  /** Their earliest pull request by `createdAt` (ties by repository id, then number). */
  firstPullRequest: PullRequestRef | null;
  /** Their earliest merged pull request by `mergedAt` (ties by repository id, then number). */
  firstMergedPullRequest: PullRequestRef | null;
}

/**
 * The earliest time of each source type in the workspace, whatever the scope
 * (UTC ms; null without any record): deployments by `finishedAt`, else
 * `createdAt`; incidents by `openedAt`; pull requests by `createdAt`; commits
 * by `authoredAt` (spec/metrics.md "Coverage").
 */
export interface SourceStarts {
  deployments: number | null;
  incidents: number | null;
  pullRequests: number | null;
  commits: number | null;
}

/**
 * Which sources cover a window (spec/metrics.md "Coverage", `coverage` in
 * `altimeter metrics --json`): a source type covers `[from, to)` when the
 * workspace holds at least one record of that type, in any scope, whose time
 * is before `to`. A source that does not cover the window withholds the
 * judgements that read it: the tiers and targets of the metrics built on it
 * are `null` ("no data"), while counts and values are computed as usual.
 * - `deployments` false: deployment frequency, lead time, change failure rate,
 *   time to first deploy, rework rate and failed deployment recovery lose
 *   their tier and target.
 * - `incidents` false: change failure rate, time to restore and failed
 *   deployment recovery lose their tier and target.
 * - `pullRequests` false: lead time loses its tier; with `commits` false as
 *   well, onboarding loses its target.
 */
export interface Coverage {
  deployments: boolean;
  incidents: boolean;
  pullRequests: boolean;
  commits: boolean;
}

/** Everything the engine reads for one workspace. */
/** When a person started and what says so. */
export interface PersonStart {
  at: number;
  source: "joinedAt" | "firstCommit" | "firstPullRequest";
}

/** Rows built when asked, each once, by position (a kept snapshot's). */
export interface RowsAt<T> {
  readonly length: number;
  at(i: number): T;
}

export interface MetricsData {
  repositories: RepositoryRow[];
  deployments: DeploymentRow[];
  pullRequests: PullRequestRow[];
  incidents: IncidentRow[];
  people: PersonRow[];
  /** Exceptions to the time rule of §2 found in the commit graph. */
  graphLinks: GraphLinkRow[];
  /** Earliest commit, pull request, deployment or incident timestamp; null without any. */
  dataStart: number | null;
  /** The earliest record of each source type, for coverage. */
  sourceStarts: SourceStarts;
}

export interface DeploymentFrequency {
  deployments: number;
  perDay: number;
  perWeek: number;
  deployDays: number;
  tier: Tier | null;
}

export interface LeadTime {
  changes: number;
  medianHours: number | null;
  p90Hours: number | null;
  tier: Tier | null;
}

export interface ChangeFailureRate {
  deployments: number;
  failed: number;
  rate: number | null;
  tier: Tier | null;
}

export interface TimeToRestore {
  incidents: number;
  resolved: number;
  open: number;
  medianHours: number | null;
  meanHours: number | null;
  tier: Tier | null;
}

export interface Onboarding {
  newcomers: number;
  onboarded: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface TimeToFirstDeploy {
  newRepositories: number;
  deployed: number;
  medianHours: number | null;
}

/** Deployment rework rate (§7). DORA publishes no bands: `tier` is always null. */
export interface ReworkRate {
  deployments: number;
  rework: number;
  rate: number | null;
  tier: null;
}

/** Failed deployment recovery time (§8). */
export interface FailedDeploymentRecovery {
  failed: number;
  recovered: number;
  unrecovered: number;
  medianHours: number | null;
  meanHours: number | null;
  tier: Tier | null;
}

export interface Targets {
  onboarding: boolean | null;
  timeToFirstDeploy: boolean | null;
  deploymentFrequency: boolean | null;
  changeFailureRate: boolean | null;
  timeToRestore: boolean | null;
  reworkRate: boolean | null;
  failedDeploymentRecovery: boolean | null;
}

/** The eight metrics, coverage and targets for one window and scope. */
export interface MetricValues {
  deploymentFrequency: DeploymentFrequency;
  leadTime: LeadTime;
  changeFailureRate: ChangeFailureRate;
  timeToRestore: TimeToRestore;
  onboarding: Onboarding;
  timeToFirstDeploy: TimeToFirstDeploy;
  reworkRate: ReworkRate;
  failedDeploymentRecovery: FailedDeploymentRecovery;
  /** Which sources hold data for the window; judgements of uncovered sources are `null`. */
  coverage: Coverage;
  targets: Targets;
}

/** `altimeter metrics --json` (spec/cli.md). */
export interface MetricsReport extends MetricValues {
  workspace: string;
  team: string | null;
  from: string;
  to: string;
}
