/**
 * The `ci` workflow's runs: one on each pull request's head (re-run after a
 * red build), one on each push a merge makes to the target branch.
 */
import { MINUTE_MS } from "@/lib/time";
import type { DemoCiRun, DemoPullRequest } from "./model";
import { RateQuota, type Random } from "./random";

/** CI runs of all pull requests, with ids in the order they started. */
export function generateCiRuns(rng: Random, now: number, pullRequests: readonly DemoPullRequest[]): DemoCiRun[] {
  const quotas = new Map<string, RateQuota>();
  const failing = (pr: DemoPullRequest): boolean => {
    const team = pr.repository.team;
    let quota = quotas.get(team.id);
    if (!quota) {
      quota = new RateQuota(team.performance.ciFailureRate, rng);
      quotas.set(team.id, quota);
    }
    return quota.hit();
  };
  const runs: DemoCiRun[] = [];
  const add = (run: Omit<DemoCiRun, "id">, minutes: number): DemoCiRun | undefined => {
    if (run.startedAt > now) return undefined;
    const finishedAt = run.startedAt + minutes * MINUTE_MS;
    const done: DemoCiRun =
      finishedAt <= now ? { ...run, id: "", finishedAt } : { ...run, id: "", status: "in_progress" };
    runs.push(done);
    return done;
  };
  for (const pr of [...pullRequests].sort((a, b) => a.createdAt - b.createdAt)) {
    const repository = pr.repository;
    const ciMinutes = repository.team.performance.ciMinutes;
    const head = pr.commits[pr.commits.length - 1];
    if (!head) continue;
    const startedAt = pr.createdAt + rng.between(0.3, 3) * MINUTE_MS;
    const base = { repository, headSha: head.sha, branch: pr.branch, event: "pull_request" as const };
    if (pr.byBot && rng.chance(0.12)) {
      // Lockfile-only updates match the workflow's paths-ignore.
      add({ ...base, status: "skipped", startedAt }, 0.05);
    } else if (rng.chance(0.015)) {
      add({ ...base, status: "cancelled", startedAt }, rng.between(0.5, 3));
    } else {
      const failed = failing(pr);
      const run = add({ ...base, status: failed ? "failure" : "success", startedAt }, rng.logNormal(ciMinutes, 0.3));
      if (failed && run?.finishedAt !== undefined) {
        const rerunAt = run.finishedAt + rng.between(15, 120) * MINUTE_MS;
        if (pr.mergedAt === undefined || rerunAt < pr.mergedAt)
          add({ ...base, status: "success", startedAt: rerunAt }, rng.logNormal(ciMinutes, 0.3));
      }
    }
    if (pr.mergedAt !== undefined && pr.mergeCommitSha) {
      const status = rng.chance(repository.team.performance.ciFailureRate / 3) ? "failure" : "success";
      add(
        {
          repository,
          headSha: pr.mergeCommitSha,
          branch: pr.baseBranch,
          event: "push",
          status,
          startedAt: pr.mergedAt + rng.between(0.2, 1) * MINUTE_MS,
        },
        rng.logNormal(ciMinutes, 0.3),
      );
    }
  }
  runs.sort((a, b) => a.startedAt - b.startedAt);
  const first = 5_100_000_000 + rng.int(0, 999_999);
  for (const [i, run] of runs.entries()) run.id = String(first + i);
  return runs;
}
