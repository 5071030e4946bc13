import type { Attribution } from "./attribution";
import type { WorkspaceFacts } from "./facts";
import { mean, percentileOfSorted } from "./percentile";
import { timeToRestoreTier } from "./tiers";
import type { DeploymentRow, FailedDeploymentRecovery } from "./types";
import { HOUR_MS } from "@/lib/time";
import { firstAfter } from "./time-order";

/**
 * Failed deployment recovery time (spec/metrics.md §8, DORA 2023). Whether a
 * deployment failed and when it recovered are window-independent facts, so
 * each failed deployment counted by change failure rate carries its recovery.
 */

/** When a failed deployment recovered. */
export interface Recovery {
  /** Without incidents: the next successful production deployment of its repository. */
  nextDeployment: DeploymentRow | null;
  /** When it recovered; null while not recovered. */
  recoveredAt: number | null;
  /** recoveredAt − finishedAt, negative counted as 0; null while not recovered. */
  recoveryMs: number | null;
}

/** The recovery of a failed deployment, given the incidents attributed to it. */
export function recoveryOf(
  facts: Pick<WorkspaceFacts, "successByRepository">,
  d: DeploymentRow,
  incidents: readonly Attribution[],
): Recovery {
  let recoveredAt: number | null = null;
  let nextDeployment: DeploymentRow | null = null;
  if (incidents.length > 0) {
    if (incidents.every((a) => a.incident.resolvedAt !== null))
      recoveredAt = Math.max(...incidents.map((a) => a.incident.resolvedAt!));
  } else {
    // The first after it (ties: the smallest id, the list's first).
    const deployments = facts.successByRepository.get(d.repositoryId);
    nextDeployment = deployments ? firstAfter(deployments, d.finishedAt!) : null;
    recoveredAt = nextDeployment?.finishedAt ?? null;
  }
  const recoveryMs = recoveredAt === null ? null : Math.max(0, recoveredAt - d.finishedAt!);
  return { nextDeployment, recoveredAt, recoveryMs };
}

/** Failed deployment recovery time (DORA 2023): median and mean over the recovered, tier by median. */
export function failedDeploymentRecovery(records: readonly { recovery: Recovery | null }[]): FailedDeploymentRecovery {
  let failed = 0;
  const hours: number[] = [];
  for (const r of records) {
    if (!r.recovery) continue;
    failed++;
    if (r.recovery.recoveryMs !== null) hours.push(r.recovery.recoveryMs / HOUR_MS);
  }
  hours.sort((a, b) => a - b);
  const medianHours = percentileOfSorted(hours, 0.5);
  return {
    failed,
    recovered: hours.length,
    unrecovered: failed - hours.length,
    medianHours,
    meanHours: mean(hours),
    tier: timeToRestoreTier(medianHours),
  };
}
