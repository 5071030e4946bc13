/** The metric names of spec/metrics.md, as used by `--metric` and the dashboard. */
export const METRIC_NAMES = [
  "deploymentFrequency",
  "leadTime",
  "changeFailureRate",
  "timeToRestore",
  "onboarding",
  "timeToFirstDeploy",
  "reworkRate",
  "failedDeploymentRecovery",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
