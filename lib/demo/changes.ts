/**
 * Pull requests and their commits for each team, drawn from the team's
 * performance profile: a steady stream on working days, the first pull
 * requests of newcomers, and people without a team chipping in.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { isHoliday, isWeekend, startOfDay } from "./clock";
import type { DemoCommit, DemoPerson, DemoPullRequest, DemoRepository } from "./model";
import type { Random } from "./random";
import type { TeamSpec } from "./teams";

/** What every part of the change history is drawn against. */
export interface HistoryContext {
  rng: Random;
  now: number;
  historyStart: number;
  repositories: readonly DemoRepository[];
  people: readonly DemoPerson[];
}

const TOPICS = [
  "fix-timeout",
  "add-metrics",
  "retry-on-429",
  "refactor-client",
  "bump-sdk",
  "feature-flag",
  "cache-headers",
  "pagination",
  "idempotency-key",
  "tidy-logging",
  "schema-migration",
  "rate-limit",
  "a11y-labels",
  "error-budget",
];

/** A release branch that some teams still merge hotfixes into. */
const RELEASE_BRANCH = "release/1.x";

interface PullRequestOptions {
  /** Opened → merged, instead of the team's review time. */
  reviewMs?: number;
  merged?: boolean;
  baseBranch?: string;
  branch?: string;
  commitCount?: number;
  codingMs?: number;
  byBot?: boolean;
}

/** One pull request with 1–4 commits, all authored before it was opened; merged, closed or still open as the profile and `now` say. */
export function makePullRequest(
  ctx: HistoryContext,
  repository: DemoRepository,
  authorId: string,
  createdAt: number,
  options: PullRequestOptions = {},
): DemoPullRequest {
  const { rng, now } = ctx;
  const perf = repository.team.performance;
  const coding = options.codingMs ?? rng.logNormal(perf.codingHours, 0.7) * HOUR_MS;
  const earliest = Math.max(ctx.historyStart, repository.createdAt + MINUTE_MS);
  // Work begun before the history (or the repository) starts somewhere inside it instead, not all at one instant.
  const firstCommitAt = Math.min(
    createdAt - coding >= earliest ? createdAt - coding : rng.between(earliest, createdAt),
    createdAt - MINUTE_MS,
  );
  const count =
    options.commitCount ??
    rng.weighted<number>([
      [1, 0.35],
      [2, 0.3],
      [3, 0.2],
      [4, 0.15],
    ]);
  const times = [firstCommitAt];
  for (let i = 1; i < count; i++) times.push(rng.between(firstCommitAt, createdAt - MINUTE_MS));
  times.sort((a, b) => a - b);
  const commits: DemoCommit[] = times.map((authoredAt) => ({
    repositoryId: repository.id,
    sha: rng.hex(40),
    authoredAt,
    authorId,
    committedAt: rng.chance(0.7) ? Math.min(authoredAt + rng.between(0, 25) * MINUTE_MS, createdAt) : undefined,
  }));
  const pr: DemoPullRequest = {
    repository,
    number: 0,
    authorId,
    branch: options.branch ?? `${authorId}/${rng.pick(TOPICS)}`,
    createdAt,
    firstCommitAt,
    baseBranch: options.baseBranch ?? (rng.chance(perf.releaseBranchShare) ? RELEASE_BRANCH : repository.defaultBranch),
    commits,
    byBot: options.byBot ?? false,
  };
  if (options.merged ?? rng.chance(perf.mergeRate)) {
    const mergedAt = createdAt + (options.reviewMs ?? rng.logNormal(perf.reviewHours, 0.8) * HOUR_MS);
    if (mergedAt <= now) {
      pr.mergedAt = mergedAt;
      pr.closedAt = mergedAt;
      pr.mergeCommitSha = rng.hex(40);
    }
  } else {
    const closedAt = createdAt + rng.logNormal(perf.reviewHours * 2, 0.9) * HOUR_MS;
    if (closedAt <= now) pr.closedAt = closedAt;
  }
  return pr;
}

/** The repository a newcomer starts on: the busiest one of the team that existed when they joined. */
function starterRepository(repositories: readonly DemoRepository[], joinedAt: number): DemoRepository | undefined {
  return repositories.filter((r) => r.createdAt < joinedAt).sort((a, b) => b.spec.prShare - a.spec.prShare)[0];
}

/** A team's pull requests over the whole history. */
export function generateTeamPullRequests(ctx: HistoryContext, team: TeamSpec): DemoPullRequest[] {
  const { rng, now, historyStart } = ctx;
  const perf = team.performance;
  const repositories = ctx.repositories.filter((r) => r.team.id === team.id);
  const members = ctx.people.filter((p) => p.teamId === team.id);
  const crossTeam = ctx.people.filter((p) => !p.teamId && !p.id.endsWith("[bot]"));
  const pullRequests: DemoPullRequest[] = [];

  // A newcomer joins the everyday stream once their first pull request is merged.
  const activeFrom = new Map<string, number>();
  for (const person of members) {
    if (!person.newcomer || person.joinedAt === undefined) {
      activeFrom.set(person.id, -Infinity);
      continue;
    }
    const repository = starterRepository(repositories, person.joinedAt);
    if (!repository) continue;
    const onboarding = rng.logNormal(perf.onboardingDays, 0.45) * DAY_MS;
    const createdAt = person.joinedAt + onboarding * rng.between(0.45, 0.8);
    if (createdAt > now) continue;
    const pr = makePullRequest(ctx, repository, person.id, createdAt, {
      merged: true,
      reviewMs: onboarding - (createdAt - person.joinedAt),
      codingMs: rng.between(0.5, 0.9) * (createdAt - person.joinedAt),
      baseBranch: repository.defaultBranch,
    });
    pullRequests.push(pr);
    if (pr.mergedAt !== undefined) activeFrom.set(person.id, pr.mergedAt);
  }

  // Old hands open the first pull requests in turn, so that none of them looks new halfway through the year.
  const notYetSeen = members.filter((p) => !p.newcomer).map((p) => p.id);
  for (let day = startOfDay(historyStart); day < now; day += DAY_MS) {
    const quiet = isWeekend(day) ? 0.04 : isHoliday(day) ? 0.25 : 1;
    const count = rng.poisson((perf.prsPerWeek / 5) * quiet);
    for (let i = 0; i < count; i++) {
      const createdAt = day + (team.workStartHourUtc + rng.between(0.3, 9.5)) * HOUR_MS;
      if (createdAt > now || createdAt < historyStart + HOUR_MS) continue;
      const open = repositories.filter((r) => r.createdAt + DAY_MS <= createdAt && r.spec.prShare > 0);
      if (open.length === 0) continue;
      const repository = rng.weighted(open.map((r) => [r, r.spec.prShare] as const));
      const pool = members.filter((p) => (activeFrom.get(p.id) ?? Infinity) <= createdAt).map((p) => p.id);
      const authorId =
        notYetSeen.shift() ?? (rng.chance(0.03) && crossTeam.length > 0 ? rng.pick(crossTeam).id : rng.pick(pool));
      pullRequests.push(makePullRequest(ctx, repository, authorId, createdAt));
    }
  }
  return pullRequests;
}

/** Numbers each repository's pull requests in the order they were opened; old repositories are far into their numbering. */
export function numberPullRequests(pullRequests: DemoPullRequest[], historyStart: number): void {
  const byRepository = new Map<string, DemoPullRequest[]>();
  for (const pr of pullRequests) {
    const list = byRepository.get(pr.repository.id) ?? [];
    list.push(pr);
    byRepository.set(pr.repository.id, list);
  }
  for (const list of byRepository.values()) {
    list.sort((a, b) => a.createdAt - b.createdAt);
    const repository = list[0]?.repository;
    if (!repository) continue;
    let next =
      repository.createdAt < historyStart ? Math.round(((historyStart - repository.createdAt) / DAY_MS) * 0.6) + 1 : 1;
    for (const pr of list) pr.number = next++;
  }
}
