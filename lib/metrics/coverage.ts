import type { Coverage, MetricValues, MetricsWindow, SourceStarts } from "./types";

const before = (t: number | null, to: number): boolean => t !== null && t < to;

/** Which source types hold a record, in any scope, before the window's end (spec/metrics.md "Coverage"). */
export function coverage(starts: SourceStarts, w: MetricsWindow): Coverage {
  return {
    deployments: before(starts.deployments, w.to),
    incidents: before(starts.incidents, w.to),
    pullRequests: before(starts.pullRequests, w.to),
    commits: before(starts.commits, w.to),
  };
}

/**
 * Withholds the tiers and targets a missing source would turn into a
 * judgement: a window without incident data must not show a change failure
 * rate of 0 % as elite. Counts and values stay as computed.
 */
export function withholdJudgements(m: MetricValues): MetricValues {
  const c = m.coverage;
  const out: MetricValues = {
    ...m,
    deploymentFrequency: { ...m.deploymentFrequency },
    leadTime: { ...m.leadTime },
    changeFailureRate: { ...m.changeFailureRate },
    timeToRestore: { ...m.timeToRestore },
    failedDeploymentRecovery: { ...m.failedDeploymentRecovery },
    targets: { ...m.targets },
  };
  if (!c.deployments) {
    out.deploymentFrequency.tier = null;
    out.leadTime.tier = null;
    out.changeFailureRate.tier = null;
    out.targets.deploymentFrequency = null;
    out.targets.changeFailureRate = null;
    out.targets.timeToFirstDeploy = null;
    out.targets.reworkRate = null;
    out.failedDeploymentRecovery.tier = null;
    out.targets.failedDeploymentRecovery = null;
  }
  if (!c.incidents) {
    out.changeFailureRate.tier = null;
    out.timeToRestore.tier = null;
    out.targets.changeFailureRate = null;
    out.targets.timeToRestore = null;
    out.failedDeploymentRecovery.tier = null;
    out.targets.failedDeploymentRecovery = null;
  }
  if (!c.pullRequests) out.leadTime.tier = null;
  if (!c.pullRequests && !c.commits) out.targets.onboarding = null;
  return out;
}
