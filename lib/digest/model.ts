/**
 * The weekly digest as data: what each renderer (Markdown, HTML email, plain
 * text, Slack) shows. Every number carries the address of its drill-down in
 * the dashboard, so a reader can open the records behind it.
 */
import type { MetricName } from "@/lib/metrics";
import type { Tier } from "@/lib/metrics/types";

/** One metric this week against the four weeks before. */
export interface DigestMetric {
  metric: MetricName;
  title: string;
  unit: string;
  value: number | null;
  /** As the dashboard shows it ("7.32", "4.4"); null: no data. */
  valueText: string | null;
  previous: number | null;
  previousText: string | null;
  /** "+12%", "−1.5 pp"; null without both values. */
  change: string | null;
  verdict: "better" | "worse" | "unchanged" | null;
  /** Why no change is shown: the week or the weeks before lack the metric's sources. */
  unavailable: string | null;
  /** Why the week's tier (and target) are not judged; null when they are. */
  withheld: string | null;
  /** undefined: the metric has no DORA tier; null: no data (or withheld). */
  tier: Tier | null | undefined;
  previousTier: Tier | null | undefined;
  /** The counts behind the value ("52 deployments on 7 days"). */
  detail: string;
  url: string;
  previousUrl: string;
}

/** A DORA tier that moved between the baseline and the week. */
export interface TierChange {
  metric: MetricName;
  title: string;
  from: Tier | null;
  to: Tier | null;
  direction: "up" | "down";
  url: string;
}

/** A team that moved most: how many metrics improved minus worsened, and which. */
export interface TeamMove {
  id: string;
  name: string;
  score: number;
  /** "lead time −40%" */
  changes: string[];
  url: string;
}

/** A production deployment of the week that failed or caused an incident. */
export interface FailedDeployment {
  id: string;
  repository: string;
  finishedAt: number;
  why: string;
  /** In the source system (GitHub…), when known. */
  sourceUrl: string | null;
  url: string;
}

/** An incident opened during the week. */
export interface WeekIncident {
  id: string;
  title: string | null;
  openedAt: number;
  /** null while open. */
  restoreHours: number | null;
  attributedTo: string;
  sourceUrl: string | null;
  url: string;
}

/** A scope (the organisation or a team) whose recorded maturity level rose during the week. */
export interface LevelReached {
  team: string | null;
  name: string;
  from: number;
  to: number;
  levelName: string;
  url: string;
}

/** A newcomer whose first pull request was merged during the week. */
export interface NewcomerMerge {
  id: string;
  name: string | null;
  team: string | null;
  mergedAt: number;
  pullRequest: string;
  /** Days from their start to the merge; null when unknown (their first commit is that merge's squash commit, git only). */
  onboardingDays: number | null;
  sourceUrl: string | null;
  url: string;
}

/** Everything a weekly digest says. */
export interface DigestModel {
  workspace: { slug: string; name: string };
  /** 2026-W47 */
  week: string;
  /** The week as a window: YYYY-MM-DD, `to` exclusive. */
  from: string;
  to: string;
  /** The four weeks before, as one window. */
  baseline: { from: string; to: string };
  generatedAt: number;
  dashboardUrl: string;
  metrics: DigestMetric[];
  tierChanges: TierChange[];
  improved: TeamMove[];
  regressed: TeamMove[];
  failedDeployments: { count: number; url: string; items: FailedDeployment[] };
  incidents: { count: number; open: number; url: string; items: WeekIncident[] };
  levels: LevelReached[];
  newcomers: { count: number; url: string; items: NewcomerMerge[] };
}
