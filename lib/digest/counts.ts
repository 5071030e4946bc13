import type { MetricName } from "@/lib/metrics";
import type { MetricValues } from "@/lib/metrics/types";
import { count, formatNumber } from "@/lib/format";

/** The counts behind a metric's value in one line, as the dashboard's cards say them. */
export function countsBehind(name: MetricName, m: MetricValues): string {
  const n = (v: number | null) => formatNumber(v) ?? "—";
  switch (name) {
    case "deploymentFrequency":
      return `${count(m.deploymentFrequency.deployments, "deployment")} on ${count(m.deploymentFrequency.deployDays, "day")}`;
    case "leadTime":
      return `${count(m.leadTime.changes, "change")}, p90 ${n(m.leadTime.p90Hours)} h`;
    case "changeFailureRate":
      return `${m.changeFailureRate.failed} of ${count(m.changeFailureRate.deployments, "deployment")} failed`;
    case "timeToRestore":
      return `${count(m.timeToRestore.incidents, "incident")}, ${m.timeToRestore.open} open`;
    case "onboarding":
      return `${count(m.onboarding.newcomers, "newcomer")}, ${m.onboarding.onboarded} merged`;
    case "timeToFirstDeploy":
      return `${count(m.timeToFirstDeploy.newRepositories, "new repository", "new repositories")}, ${m.timeToFirstDeploy.deployed} deployed`;
    case "reworkRate":
      return `${m.reworkRate.rework} of ${count(m.reworkRate.deployments, "deployment")} rework`;
    case "failedDeploymentRecovery":
      return `${count(m.failedDeploymentRecovery.failed, "failed deployment")}, ${m.failedDeploymentRecovery.unrecovered} not recovered`;
  }
}
