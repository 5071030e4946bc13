import type { BaseFacts } from "./base-facts";
import type { DeploymentRow, PullRequestRow } from "./types";
import { finishedIndex } from "./time-order";

/** A merged pull request and the production deployment it shipped in. */
export interface LinkedChange {
  pullRequest: PullRequestRow;
  deployment: DeploymentRow;
  /** firstCommitAt, or createdAt when absent. */
  startedAt: number;
  /** deployment.finishedAt − startedAt; negative values (clock skew) are kept here and dropped when counted. */
  leadTimeMs: number;
}

/** A merged pull request into the default branch that no deployment ships, and why (a drill-down's "left out"). */
export interface UnlinkedPullRequest {
  pullRequest: PullRequestRow;
  reason: "notDeployed" | "beforeFirstDeployment";
}

/** The first deployment of a sorted list with finishedAt ≥ t (binary search), or null. */
function firstFinishedFrom(sorted: readonly DeploymentRow[], t: number): DeploymentRow | null {
  return sorted[finishedIndex(sorted, t)] ?? null;
}

/** Whether a merged pull request targets its repository's default branch, as far as that is known. */
export function targetsDefaultBranch(pr: PullRequestRow, defaultBranch: string | null | undefined): boolean {
  return pr.baseBranch === null || defaultBranch == null || pr.baseBranch === defaultBranch;
}

/**
 * Links each merged pull request to the first successful production deployment
 * of its repository finishing at or after the merge that contains it (the
 * commit graph's verdict, stored at import as exceptions to the time rule:
 * data.graphLinks). Data that begins mid-life:
 * a pull request merged before its repository's first such deployment is not
 * linked, unless the repository was created at or after dataStart.
 */
export function linkChanges(facts: BaseFacts): { changes: LinkedChange[]; unlinked: UnlinkedPullRequest[] } {
  const { dataStart } = facts.data;
  // Where the commit graph moves a pull request off the time rule's deployment (§2, computed at import).
  const graph = new Map<string, Map<number, string | null>>();
  for (const g of facts.data.graphLinks) {
    const byNumber = graph.get(g.repositoryId);
    if (byNumber) byNumber.set(g.number, g.deploymentId);
    else graph.set(g.repositoryId, new Map([[g.number, g.deploymentId]]));
  }
  const changes: LinkedChange[] = [];
  const unlinked: UnlinkedPullRequest[] = [];
  for (const pr of facts.data.pullRequests) {
    if (pr.mergedAt === null) continue;
    const repository = facts.repositoryById.get(pr.repositoryId);
    if (!targetsDefaultBranch(pr, repository?.defaultBranch)) continue;
    const deploys = facts.productionSuccessByRepository.get(pr.repositoryId);
    if (!deploys) {
      unlinked.push({ pullRequest: pr, reason: "notDeployed" });
      continue;
    }
    if (pr.mergedAt < deploys[0]!.finishedAt!) {
      const bornInData = repository !== undefined && dataStart !== null && repository.createdAt >= dataStart;
      if (!bornInData) {
        unlinked.push({ pullRequest: pr, reason: "beforeFirstDeployment" });
        continue;
      }
    }
    const moved = graph.get(pr.repositoryId)?.get(pr.number);
    const deployment =
      moved === undefined
        ? firstFinishedFrom(deploys, pr.mergedAt)
        : moved === null
          ? null
          : (facts.deploymentById.get(moved) ?? null);
    if (!deployment) {
      unlinked.push({ pullRequest: pr, reason: "notDeployed" });
      continue;
    }
    const startedAt = pr.firstCommitAt ?? pr.createdAt;
    changes.push({ pullRequest: pr, deployment, startedAt, leadTimeMs: deployment.finishedAt! - startedAt });
  }
  return { changes, unlinked };
}
