import type { Attribution } from "./attribution";
import type { WorkspaceFacts } from "./facts";
import { recoveryOf, type Recovery } from "./recovery";
import type { ScopeFilter } from "./scope";
import { changeFailureTier } from "./tiers";
import type { ChangeFailureRate, DeploymentRow, MetricsWindow } from "./types";
import { between } from "./time-order";

/** A deployment counted by change failure rate, and why it failed. */
export interface ChangeFailureRecord {
  deployment: DeploymentRow;
  failed: boolean;
  /** Its status was `failure`. */
  failedByStatus: boolean;
  /** The incidents attributed to it, each with the rule that did it. */
  incidents: Attribution[];
  /** When it recovered (§8), for a failed deployment; null when it did not fail. */
  recovery: Recovery | null;
}

/** Production deployments that succeeded or failed in the window, oldest first, with their failure reasons. */
export function changeFailureRecords(
  facts: WorkspaceFacts,
  w: MetricsWindow,
  inScope: ScopeFilter,
): ChangeFailureRecord[] {
  const records: ChangeFailureRecord[] = [];
  for (const d of between(facts.productionFinished, w.from, w.to)) {
    if (!inScope.repository(d.repositoryId)) continue;
    const incidents = facts.incidentsByDeployment.get(d.id) ?? [];
    const failedByStatus = d.status === "failure";
    const failed = failedByStatus || incidents.length > 0;
    records.push({
      deployment: d,
      failed,
      failedByStatus,
      incidents,
      recovery: failed ? recoveryOf(facts, d, incidents) : null,
    });
  }
  return records;
}

/** Change failure rate of the counted deployments; each deployment counts once. */
export function changeFailureRate(records: readonly ChangeFailureRecord[]): ChangeFailureRate {
  const failed = records.filter((r) => r.failed).length;
  const rate = records.length > 0 ? failed / records.length : null;
  return { deployments: records.length, failed, rate, tier: changeFailureTier(rate) };
}
