/**
 * §2 of spec/metrics.md through the commit graph: a pull request ships in the
 * first successful production deployment finishing at or after its merge
 * *that contains it* (its merge commit is the deployment's commit or an
 * ancestor of it). Where the graph cannot say (no shas, shas unknown to the
 * workspace, a deployment commit without `parents`), the time rule of
 * version 1 holds: the first deployment at or after the merge.
 *
 * The graph is read per repository when records are imported
 * (lib/queries/change-links.ts) and only the pull requests whose deployment
 * differs from the time rule's are kept, so computing metrics never loads a
 * million commits. This module is pure: rows in, exceptions out.
 */
import type { DeploymentRow } from "./types";

/** A merged pull request as linking reads it. */
export interface GraphPullRequest {
  number: number;
  mergedAt: number;
  mergeCommitSha: string | null;
}

/** Where the graph sends a pull request when the time rule would send it elsewhere; null: no deployment contains it. */
export interface GraphException {
  number: number;
  deploymentId: string | null;
}

/** The first index of a sorted deployment list with finishedAt ≥ t (binary search); the length when none. */
export function firstIndexFrom(sorted: readonly DeploymentRow[], t: number): number {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.finishedAt! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The pull requests of one repository that the graph links differently from
 * the time rule. `parents` maps each commit of the repository in the
 * workspace to its parents (null: the commit has no `parents` field);
 * `deployments` are the repository's successful production deployments, by
 * finishedAt then id.
 */
export function graphExceptions(
  parents: ReadonlyMap<string, readonly string[] | null>,
  deployments: readonly DeploymentRow[],
  pullRequests: readonly GraphPullRequest[],
): GraphException[] {
  const n = deployments.length;
  if (n === 0) return [];
  // A deployment can be checked when its sha is a commit of the repository with known parents.
  const checkable = deployments.map((d) => d.sha !== null && parents.get(d.sha) != null);
  if (!checkable.some(Boolean)) return [];
  // nextUnchecked[i]: the first deployment at or after i that contains everything (time rule), n when none.
  const nextUnchecked = new Int32Array(n + 1);
  nextUnchecked[n] = n;
  for (let i = n - 1; i >= 0; i--) nextUnchecked[i] = checkable[i] ? nextUnchecked[i + 1]! : i;

  // firstContaining: for each commit, the first checkable deployment (in order) whose commit reaches it.
  // Walking deployments in order and stopping at commits already reached visits each commit once:
  // the ancestors of a reached commit were reached by the same or an earlier deployment.
  const firstContaining = new Map<string, number>();
  const reach = (from: string, mark: (sha: string) => boolean) => {
    const stack = [from];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      if (!mark(sha)) continue;
      // A commit without a parents field, or a parent outside the repository's commits, ends the path.
      for (const p of parents.get(sha) ?? []) if (parents.has(p)) stack.push(p);
    }
  };
  for (let i = 0; i < n; i++) {
    if (!checkable[i]) continue;
    reach(deployments[i]!.sha!, (sha) => {
      if (firstContaining.has(sha)) return false;
      firstContaining.set(sha, i);
      return true;
    });
  }
  const contains = (i: number, target: string): boolean => {
    let found = false;
    const seen = new Set<string>();
    reach(deployments[i]!.sha!, (sha) => {
      if (found || seen.has(sha)) return false;
      seen.add(sha);
      if (sha === target) found = true;
      return !found;
    });
    return found;
  };

  const exceptions: GraphException[] = [];
  for (const pr of pullRequests) {
    const sha = pr.mergeCommitSha;
    if (sha === null || !parents.has(sha)) continue; // the graph cannot say: the time rule holds
    const from = firstIndexFrom(deployments, pr.mergedAt);
    if (from === n) continue; // nothing deployed since: unlinked either way
    let shipped = nextUnchecked[from]!;
    const first = firstContaining.get(sha);
    if (first !== undefined && first < shipped) {
      if (first >= from) shipped = first;
      else {
        // Deployed before its merge time (a sha that existed earlier): the first containing one from the merge on.
        for (let i = from; i < shipped; i++) {
          if (checkable[i] && contains(i, sha)) {
            shipped = i;
            break;
          }
        }
      }
    }
    if (shipped !== from)
      exceptions.push({ number: pr.number, deploymentId: shipped < n ? deployments[shipped]!.id : null });
  }
  return exceptions;
}
