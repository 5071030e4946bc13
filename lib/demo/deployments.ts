/**
 * Deployments drawn from each team's schedule: a pipeline per merge for the
 * continuous teams, deploy windows or release trains for the others, a
 * replacement deployment after each failed one, and previews per pull request
 * on the managed front-end platform.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { nextWeekday, startOfDay, weekdayOf } from "./clock";
import type { DemoDeployment, DemoPullRequest, DemoRepository, MainlineChange } from "./model";
import { RateQuota, type Random } from "./random";
import type { TeamSpec } from "./teams";

/** The primary production environment of every pipeline. */
export const PRODUCTION = "production";

interface TeamPipeline {
  rng: Random;
  now: number;
  team: TeamSpec;
  failures: RateQuota;
  cancellations: RateQuota;
  out: Omit<DemoDeployment, "id">[];
}

/** The latest change at or before `at`, from a list sorted by time. */
function latestChange(changes: readonly MainlineChange[], at: number): MainlineChange | undefined {
  let found: MainlineChange | undefined;
  for (const change of changes) {
    if (change.at > at) break;
    found = change;
  }
  return found;
}

/** Runs one pipeline through the repository's environments; returns whether production succeeded. */
function runPipeline(
  p: TeamPipeline,
  repository: DemoRepository,
  changes: readonly MainlineChange[],
  start: number,
  sha: string,
  mode: { replacement?: boolean; forceSuccess?: boolean } = {},
): boolean {
  const { rng, now, team } = p;
  const perf = team.performance;
  const environments = repository.spec.environments;
  const productionAt = environments.indexOf(PRODUCTION);
  const deploy = (
    environment: string,
    createdAt: number,
    status: DemoDeployment["status"],
    minutes: number,
  ): DemoDeployment["status"] => {
    if (createdAt > now) return "in_progress";
    const finishedAt = createdAt + minutes * MINUTE_MS;
    if (finishedAt > now) {
      p.out.push({ repository, environment, status: "in_progress", createdAt, sha });
      return "in_progress";
    }
    p.out.push({ repository, environment, status, createdAt, finishedAt, sha });
    return status;
  };
  let t = start;
  if (!mode.replacement) {
    for (const environment of environments.slice(0, productionAt)) {
      const minutes = rng.logNormal(perf.deployMinutes * 0.7, 0.3);
      if (deploy(environment, t, "success", minutes) !== "success") return false;
      t += minutes * MINUTE_MS + rng.between(0.5, 2) * MINUTE_MS;
    }
  }
  const productionStart = mode.replacement ? start : Math.max(t, start + perf.promotionHours * HOUR_MS);
  let status: DemoDeployment["status"] = "success";
  if (!mode.forceSuccess && perf.schedule.kind === "per-merge" && p.cancellations.hit()) status = "cancelled";
  else if (!mode.forceSuccess && p.failures.hit()) status = "failure";
  const minutes = rng.logNormal(perf.deployMinutes, 0.35) * (status === "success" ? 1 : 0.6);
  const outcome = deploy(PRODUCTION, productionStart, status, minutes);
  const finishedAt = productionStart + minutes * MINUTE_MS;
  if (outcome === "failure") {
    const retryAt = finishedAt + rng.logNormal(perf.hotfixHours, 0.5) * HOUR_MS;
    const fix = latestChange(changes, retryAt);
    if (fix) runPipeline(p, repository, changes, retryAt, fix.sha, { replacement: true, forceSuccess: true });
    return false;
  }
  if (outcome !== "success") return false;
  let after = finishedAt;
  for (const environment of environments.slice(productionAt + 1)) {
    const start = after + rng.between(1, 3) * MINUTE_MS;
    const minutes = rng.logNormal(perf.deployMinutes, 0.35);
    if (deploy(environment, start, "success", minutes) !== "success") break;
    after = start + minutes * MINUTE_MS;
  }
  return true;
}

/** The days a team's scheduled deploys happen on; empty for per-merge teams. */
function scheduleDays(rng: Random, team: TeamSpec, historyStart: number, now: number): number[] {
  const schedule = team.performance.schedule;
  const days: number[] = [];
  if (schedule.kind === "deploy-days") {
    for (let day = startOfDay(historyStart) + DAY_MS; day < now; day += DAY_MS) {
      if (schedule.weekdays.includes(weekdayOf(day)) && rng.chance(schedule.chance))
        days.push(day + schedule.hourUtc * HOUR_MS);
    }
  } else if (schedule.kind === "release-train") {
    const [min, max] = schedule.intervalDays;
    let day = nextWeekday(historyStart + rng.between(0, min) * DAY_MS, schedule.weekday);
    while (day < now) {
      if (!rng.chance(schedule.skipChance)) days.push(day + schedule.hourUtc * HOUR_MS);
      day = nextWeekday(day + rng.int(min, max) * DAY_MS - 3 * DAY_MS, schedule.weekday);
    }
  }
  return days;
}

/** Every deployment of one team's repositories (ids are given later, across the workspace). */
export function generateTeamDeployments(
  rng: Random,
  now: number,
  historyStart: number,
  team: TeamSpec,
  repositories: readonly DemoRepository[],
  mainline: ReadonlyMap<string, readonly MainlineChange[]>,
): Omit<DemoDeployment, "id">[] {
  const perf = team.performance;
  const p: TeamPipeline = {
    rng,
    now,
    team,
    out: [],
    failures: new RateQuota(perf.deployFailureRate, rng),
    cancellations: new RateQuota(0.012, rng),
  };
  const slots = scheduleDays(rng, team, historyStart, now);
  for (const repository of repositories.filter((r) => r.team.id === team.id && r.spec.environments.length > 0)) {
    const changes = mainline.get(repository.id) ?? [];
    const initial = changes.find((c) => c.initial);
    let lastShipped: string | undefined;
    // Repositories are deployed in time order per repository; the shared quotas keep each team's rates.
    const jobs: { at: number; run: () => void }[] = [];
    if (initial && repository.spec.firstDeployHours !== undefined) {
      const at = repository.createdAt + repository.spec.firstDeployHours * HOUR_MS - perf.promotionHours * HOUR_MS;
      jobs.push({
        at,
        run: () => {
          // The golden path deploys the skeleton straight away: a new service is live within hours.
          if (
            runPipeline(p, repository, changes, Math.max(at, initial.at + MINUTE_MS), initial.sha, {
              forceSuccess: true,
            })
          )
            lastShipped = initial.sha;
        },
      });
    }
    if (perf.schedule.kind === "per-merge") {
      for (const change of changes) {
        if (change.initial) continue;
        const at = change.at + rng.between(1, 4) * MINUTE_MS;
        jobs.push({ at, run: () => void runPipeline(p, repository, changes, at, change.sha) });
      }
    } else {
      for (const slot of slots) {
        const at = slot + rng.between(0, 2.5) * HOUR_MS - perf.promotionHours * HOUR_MS;
        jobs.push({
          at,
          run: () => {
            const change = latestChange(changes, at);
            if (!change || change.initial || change.sha === lastShipped) return;
            if (runPipeline(p, repository, changes, at, change.sha)) lastShipped = change.sha;
          },
        });
      }
    }
    for (const job of jobs.sort((a, b) => a.at - b.at)) job.run();
  }
  return p.out;
}

/** Preview deployments of every pull request on a platform that builds one per branch. */
export function generatePreviewDeployments(
  rng: Random,
  now: number,
  pullRequests: readonly DemoPullRequest[],
): Omit<DemoDeployment, "id">[] {
  const out: Omit<DemoDeployment, "id">[] = [];
  for (const pr of pullRequests) {
    const head = pr.commits[pr.commits.length - 1];
    if (!pr.repository.spec.previews || !head) continue;
    const createdAt = pr.createdAt + rng.between(0.5, 2) * MINUTE_MS;
    const finishedAt = createdAt + rng.between(1.5, 4) * MINUTE_MS;
    if (finishedAt > now) continue;
    const status = rng.chance(0.03) ? "failure" : "success";
    out.push({ repository: pr.repository, environment: "preview", status, createdAt, finishedAt, sha: head.sha });
  }
  return out;
}

/** Gives deployments workspace-wide ids in the order they were created. */
export function numberDeployments(rng: Random, deployments: Omit<DemoDeployment, "id">[]): DemoDeployment[] {
  const first = 1_400_000_000 + rng.int(0, 99_999);
  return [...deployments].sort((a, b) => a.createdAt - b.createdAt).map((d, i) => ({ ...d, id: String(first + i) }));
}
