import type { MetricValues, Targets } from "./types";

const below = (value: number | null, limit: number): boolean | null => (value === null ? null : value < limit);

/** Platform-engineering targets: met, missed, or null without data. Zero deployments miss the deployment target. */
export function targets(m: Omit<MetricValues, "targets" | "coverage">): Targets {
  return {
    onboarding: below(m.onboarding.medianDays, 7),
    timeToFirstDeploy: below(m.timeToFirstDeploy.medianHours, 24),
    deploymentFrequency: m.deploymentFrequency.perDay > 1,
    changeFailureRate: below(m.changeFailureRate.rate, 0.05),
    timeToRestore: below(m.timeToRestore.medianHours, 1),
    reworkRate: below(m.reworkRate.rate, 0.1),
    failedDeploymentRecovery: below(m.failedDeploymentRecovery.medianHours, 1),
  };
}
