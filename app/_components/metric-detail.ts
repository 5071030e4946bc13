import type { MetricName } from "@/lib/metrics";
import type { MetricValues } from "@/lib/metrics/types";
import { count, formatNumber, orDash } from "./format";

/** The counts behind a metric's headline value, in one line. */
export function metricDetail(name: MetricName, m: MetricValues): string {
  const n = (v: number | null) => orDash(formatNumber(v));
  switch (name) {
    case "deploymentFrequency":
      return `${count(m.deploymentFrequency.deployments, "deployment")} on ${count(m.deploymentFrequency.deployDays, "day")} · ${n(m.deploymentFrequency.perWeek)} / week`;
    case "leadTime":
      return `${count(m.leadTime.changes, "change")} · p90 ${n(m.leadTime.p90Hours)} h`;
    case "changeFailureRate":
      return `${m.changeFailureRate.failed} of ${count(m.changeFailureRate.deployments, "production deployment")} failed`;
    case "timeToRestore": {
      const r = m.timeToRestore;
      return `${count(r.incidents, "incident")} · ${r.resolved} resolved · ${r.open} open · mean ${n(r.meanHours)} h`;
    }
    case "onboarding":
      return `${count(m.onboarding.newcomers, "newcomer")} · ${m.onboarding.onboarded} merged a pull request · p90 ${n(m.onboarding.p90Days)} days`;
    case "timeToFirstDeploy":
      return `${count(m.timeToFirstDeploy.newRepositories, "new repository", "new repositories")} · ${m.timeToFirstDeploy.deployed} deployed`;
    case "reworkRate":
      return `${m.reworkRate.rework} of ${count(m.reworkRate.deployments, "production deployment")} were rework`;
    case "failedDeploymentRecovery": {
      const r = m.failedDeploymentRecovery;
      return `${count(r.failed, "failed deployment")} · ${r.recovered} recovered · ${r.unrecovered} not · mean ${n(r.meanHours)} h`;
    }
  }
}
