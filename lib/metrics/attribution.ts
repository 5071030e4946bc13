import type { BaseFacts } from "./base-facts";
import type { DeploymentRow, IncidentRow } from "./types";
import { finishedIndex } from "./time-order";

/** Which rule of spec/metrics.md §3 tied an incident to a deployment; null when none applied. */
export type AttributionRule = "deploymentId" | "causeSha" | "repository" | "team" | null;

/** An incident and the deployment it fails, if any. */
export interface Attribution {
  incident: IncidentRow;
  deploymentId: string | null;
  rule: AttributionRule;
}

/** The latest deployment of a sorted list with finishedAt ≤ t (binary search), or null. */
export function latestFinishedBy(sorted: readonly DeploymentRow[], t: number): DeploymentRow | null {
  return sorted[finishedIndex(sorted, t, true) - 1] ?? null;
}

/**
 * Attributes every incident of the workspace, whenever it was opened, by the
 * first rule that applies: its deploymentId, its causeSha, its repository's
 * latest deploy within the window, its team's latest deploy within the window.
 */
export function attributeIncidents(facts: BaseFacts): Attribution[] {
  const earliestBySha = new Map<string, DeploymentRow>();
  for (const list of facts.productionSuccessByRepository.values()) {
    for (const d of list) {
      if (d.sha === null) continue;
      const seen = earliestBySha.get(d.sha);
      if (!seen || d.finishedAt! < seen.finishedAt! || (d.finishedAt === seen.finishedAt && d.id < seen.id)) {
        earliestBySha.set(d.sha, d);
      }
    }
  }
  const repositoriesByTeam = new Map<string, string[]>();
  for (const r of facts.data.repositories) {
    if (r.teamId === null) continue;
    const list = repositoriesByTeam.get(r.teamId);
    if (list) list.push(r.id);
    else repositoriesByTeam.set(r.teamId, [r.id]);
  }
  const windowMs = facts.settings.attributionWindowMs;

  const latestWithinWindow = (repositoryIds: readonly string[], openedAt: number): DeploymentRow | null => {
    let best: DeploymentRow | null = null;
    for (const id of repositoryIds) {
      const d = latestFinishedBy(facts.productionSuccessByRepository.get(id) ?? [], openedAt);
      if (!d || (windowMs > 0 && openedAt - d.finishedAt! > windowMs)) continue;
      // "Latest" ties are broken by id, like every other ordering.
      if (!best || d.finishedAt! > best.finishedAt! || (d.finishedAt === best.finishedAt && d.id > best.id)) best = d;
    }
    return best;
  };

  return facts.data.incidents.map((incident): Attribution => {
    if (incident.deploymentId !== null && facts.deploymentById.has(incident.deploymentId)) {
      return { incident, deploymentId: incident.deploymentId, rule: "deploymentId" };
    }
    const bySha = incident.causeSha !== null ? earliestBySha.get(incident.causeSha) : undefined;
    if (bySha) return { incident, deploymentId: bySha.id, rule: "causeSha" };
    if (incident.repositoryId !== null) {
      const d = latestWithinWindow([incident.repositoryId], incident.openedAt);
      return { incident, deploymentId: d?.id ?? null, rule: d ? "repository" : null };
    }
    if (incident.teamId !== null) {
      const d = latestWithinWindow(repositoriesByTeam.get(incident.teamId) ?? [], incident.openedAt);
      return { incident, deploymentId: d?.id ?? null, rule: d ? "team" : null };
    }
    return { incident, deploymentId: null, rule: null };
  });
}
