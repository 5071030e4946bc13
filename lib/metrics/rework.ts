import { latestFinishedBy, type Attribution } from "./attribution";
import type { BaseFacts } from "./base-facts";
import type { LinkedChange } from "./lead-time-links";
import type { DeploymentRow, IncidentRow, ReworkRate } from "./types";

/**
 * Deployment rework rate (spec/metrics.md §7, DORA 2024): the share of the
 * deployments of §1 made because of an incident or a user-facing bug. The
 * reasons are window-independent facts of each deployment (reworkReasons);
 * the counted deployments are deployment frequency's, each carrying them.
 */

/** Why a deployment is rework (spec/metrics.md §7), each naming the rule that made it so. */
export type ReworkReason =
  | { rule: "fixDeploymentId"; incident: IncidentRow }
  | {
      rule: "pullRequest";
      change: LinkedChange;
      match: { by: "title"; title: string } | { by: "label"; label: string };
    }
  | { rule: "inferredFix"; incident: IncidentRow };

/** Whether a pull request's title or labels mark it as rework, and which. */
export function reworkMatch(
  pr: { title: string | null; labels: string[] | null },
  pattern: RegExp,
  labels: readonly string[],
): { by: "title"; title: string } | { by: "label"; label: string } | null {
  if (pr.title !== null) {
    pattern.lastIndex = 0;
    if (pattern.test(pr.title)) return { by: "title", title: pr.title };
  }
  for (const label of pr.labels ?? []) if (labels.includes(label.toLowerCase())) return { by: "label", label };
  return null;
}

/**
 * Every rework reason of the workspace by deployment id, whenever the
 * incidents were opened and whatever their scope: rule 1 (an incident's
 * fixDeploymentId), rule 2 (a linked pull request's title or label), rule 3
 * (the inferred fix of a resolved incident without a valid fixDeploymentId).
 */
export function reworkReasons(
  facts: BaseFacts,
  attributions: readonly Attribution[],
  changes: readonly LinkedChange[],
): Map<string, ReworkReason[]> {
  const reasons = new Map<string, ReworkReason[]>();
  const add = (deploymentId: string, reason: ReworkReason) => {
    const list = reasons.get(deploymentId);
    if (list) list.push(reason);
    else reasons.set(deploymentId, [reason]);
  };
  const { reworkPattern, reworkLabels } = facts.settings;
  const labels = reworkLabels.map((l) => l.toLowerCase());
  for (const change of changes) {
    const match = reworkMatch(change.pullRequest, reworkPattern, labels);
    if (match) add(change.deployment.id, { rule: "pullRequest", change, match });
  }
  const reposByTeam = new Map<string, string[]>();
  for (const r of facts.data.repositories) {
    if (r.teamId === null) continue;
    const list = reposByTeam.get(r.teamId);
    if (list) list.push(r.id);
    else reposByTeam.set(r.teamId, [r.id]);
  }
  // Later finish wins; at the same time the greater id (spec: ties broken by id).
  const later = (a: DeploymentRow, b: DeploymentRow) =>
    a.finishedAt! > b.finishedAt! || (a.finishedAt === b.finishedAt && a.id > b.id);
  for (const { incident, deploymentId } of attributions) {
    if (incident.fixDeploymentId !== null && facts.deploymentById.has(incident.fixDeploymentId)) {
      add(incident.fixDeploymentId, { rule: "fixDeploymentId", incident });
      continue;
    }
    if (incident.resolvedAt === null) continue;
    const candidates =
      incident.repositoryId !== null
        ? [incident.repositoryId]
        : incident.teamId !== null
          ? (reposByTeam.get(incident.teamId) ?? [])
          : deploymentId !== null
            ? [facts.deploymentById.get(deploymentId)!.repositoryId]
            : [];
    let fix: DeploymentRow | null = null;
    for (const repositoryId of candidates) {
      const list = facts.productionSuccessByRepository.get(repositoryId) ?? [];
      const d = latestFinishedBy(list, incident.resolvedAt);
      if (!d || d.finishedAt! < incident.openedAt) continue;
      if (!fix || later(d, fix)) fix = d;
    }
    if (fix) add(fix.id, { rule: "inferredFix", incident });
  }
  // By rule, then by pull request or incident: the same list whatever order the rows were read in.
  for (const list of reasons.values()) if (list.length > 1) list.sort(byReason);
  return reasons;
}

const RULE_ORDER: Record<ReworkReason["rule"], number> = { fixDeploymentId: 0, pullRequest: 1, inferredFix: 2 };
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Orders one deployment's reasons: rule 1, 2, 3; a pull request's by repository and number; an incident's by id. */
function byReason(a: ReworkReason, b: ReworkReason): number {
  if (a.rule !== b.rule) return RULE_ORDER[a.rule] - RULE_ORDER[b.rule];
  if (a.rule === "pullRequest" && b.rule === "pullRequest") {
    const p = a.change.pullRequest,
      q = b.change.pullRequest;
    return compareText(p.repositoryId, q.repositoryId) || p.number - q.number;
  }
  return compareText((a as { incident: IncidentRow }).incident.id, (b as { incident: IncidentRow }).incident.id);
}

/** Deployment rework rate: DORA publishes no bands, so the tier is always null. */
export function reworkRate(records: readonly { rework: readonly ReworkReason[] }[]): ReworkRate {
  const rework = records.filter((r) => r.rework.length > 0).length;
  return {
    deployments: records.length,
    rework,
    rate: records.length > 0 ? rework / records.length : null,
    tier: null,
  };
}
