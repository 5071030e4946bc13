import type { WorkspaceFacts } from "./facts";
import { percentile } from "./percentile";
import type { ReworkReason } from "./rework";
import type { ScopeFilter } from "./scope";

const NO_REWORK: ReworkReason[] = [];
import type { DeploymentFrequency, DeploymentRow, MetricsWindow, Tier } from "./types";
import { DAY_MS } from "@/lib/time";
import { between } from "./time-order";
import { fullWeeks, windowDays } from "./window";

/** A deployment counted by deployment frequency, with the window day it fell on. */
export interface CountedDeployment {
  deployment: DeploymentRow;
  /** ⌊(finishedAt − from) / 1 day⌋. */
  dayIndex: number;
  /** Why it is rework (§7); empty for planned work. */
  rework: ReworkReason[];
}

/** The successful production deployments finishing in the window, oldest first. */
export function deploymentFrequencyRecords(
  facts: WorkspaceFacts,
  w: MetricsWindow,
  inScope: ScopeFilter,
): CountedDeployment[] {
  const counted: CountedDeployment[] = [];
  for (const d of between(facts.productionFinished, w.from, w.to)) {
    if (d.status !== "success" || !inScope.repository(d.repositoryId)) continue;
    counted.push({
      deployment: d,
      dayIndex: Math.floor((d.finishedAt! - w.from) / DAY_MS),
      rework: facts.reworkByDeployment.get(d.id) ?? NO_REWORK,
    });
  }
  return counted;
}

/** Distinct deploy days per full week of the window, oldest first. */
export function deployDaysPerWeek(days: ReadonlySet<number>, w: MetricsWindow): number[] {
  return fullWeeks(w).map((_, week) => {
    let n = 0;
    for (let d = week * 7; d < week * 7 + 7; d++) if (days.has(d)) n++;
    return n;
  });
}

/** DORA 2023 tier as operationalised by deploy days (spec/metrics.md §1). */
export function deploymentFrequencyTier(days: ReadonlySet<number>, w: MetricsWindow): Tier | null {
  const perWeek = deployDaysPerWeek(days, w);
  if (perWeek.length === 0) return null;
  const weekly = percentile(perWeek, 0.5)!;
  if (weekly >= 5) return "elite";
  if (weekly >= 1) return "high";
  const months: number[] = [];
  for (let m = 0; (m + 1) * 4 <= perWeek.length; m++) {
    months.push(perWeek.slice(m * 4, m * 4 + 4).reduce((a, b) => a + b, 0));
  }
  const medium = months.length > 0 ? percentile(months, 0.5)! >= 1 : days.size >= 1;
  return medium ? "medium" : "low";
}

/** Deployment frequency of the counted deployments. */
export function deploymentFrequency(counted: readonly CountedDeployment[], w: MetricsWindow): DeploymentFrequency {
  const days = windowDays(w);
  const deployDays = new Set(counted.map((c) => c.dayIndex));
  return {
    deployments: counted.length,
    perDay: counted.length / days,
    perWeek: counted.length / (days / 7),
    deployDays: deployDays.size,
    tier: deploymentFrequencyTier(deployDays, w),
  };
}
