import { changeFailureRate, changeFailureRecords } from "./change-failure-rate";
import { METRIC_CATALOG } from "./catalog";
import { coverage, withholdJudgements } from "./coverage";
import { deploymentFrequency, deploymentFrequencyRecords } from "./deployment-frequency";
import type { WorkspaceFacts } from "./facts";
import type { MetricName } from "./names";
import { firstDeployRecords, timeToFirstDeploy } from "./first-deploy";
import { leadTime, leadTimeRecords } from "./lead-time";
import { onboarding, onboardingRecords } from "./onboarding";
import { failedDeploymentRecovery } from "./recovery";
import { reworkRate } from "./rework";
import { scopeFilter, type Scope } from "./scope";
import { targets } from "./targets";
import { timeToRestore, timeToRestoreRecords } from "./time-to-restore";
import type { MetricsWindow, MetricValues } from "./types";
import { fullWeeks } from "./window";

export { deriveFacts, type WorkspaceFacts } from "./facts";
export type { Scope } from "./scope";
export * from "./types";

/** The records behind every number of one window and scope: the drill-down. */
export function metricRecords(facts: WorkspaceFacts, w: MetricsWindow, scope: Scope) {
  const inScope = scopeFilter(facts, scope);
  return {
    /** The workspace's earliest record of each source type (window- and scope-independent), for coverage. */
    sources: facts.data.sourceStarts,
    deploymentFrequency: deploymentFrequencyRecords(facts, w, inScope),
    leadTime: leadTimeRecords(facts, w, inScope),
    changeFailureRate: changeFailureRecords(facts, w, inScope),
    timeToRestore: timeToRestoreRecords(facts, w, inScope),
    onboarding: onboardingRecords(facts, w, inScope),
    timeToFirstDeploy: firstDeployRecords(facts, w, inScope),
  };
}

/** The drill-down of one window and scope. */
export type MetricRecords = ReturnType<typeof metricRecords>;

export { METRIC_NAMES, type MetricName } from "./names";

/** Whether a metric's headline value is a share shown in percent (and moves in percentage points). */
export function isPercent(metric: MetricName): boolean {
  return METRIC_CATALOG[metric].format === "percent";
}

/** Summarises drill-down records into the eight metrics, coverage and targets. */
export function summarise(records: MetricRecords, w: MetricsWindow): MetricValues {
  const values = {
    deploymentFrequency: deploymentFrequency(records.deploymentFrequency, w),
    leadTime: leadTime(records.leadTime),
    changeFailureRate: changeFailureRate(records.changeFailureRate),
    timeToRestore: timeToRestore(records.timeToRestore),
    onboarding: onboarding(records.onboarding),
    timeToFirstDeploy: timeToFirstDeploy(records.timeToFirstDeploy),
    reworkRate: reworkRate(records.deploymentFrequency),
    failedDeploymentRecovery: failedDeploymentRecovery(records.changeFailureRate),
  };
  return withholdJudgements({ ...values, coverage: coverage(records.sources, w), targets: targets(values) });
}

/** spec/metrics.md for one window and scope. */
export function computeMetrics(facts: WorkspaceFacts, w: MetricsWindow, scope: Scope): MetricValues {
  return summarise(metricRecords(facts, w, scope), w);
}

/** Each full 7-day bucket of the window computed as a window of its own, oldest first. */
export function computeWeeklySeries(
  facts: WorkspaceFacts,
  w: MetricsWindow,
  scope: Scope,
): { window: MetricsWindow; values: MetricValues }[] {
  return fullWeeks(w).map((week) => ({ window: week, values: computeMetrics(facts, week, scope) }));
}
