/**
 * What the bots do: dependency updates from Renovate or Dependabot every week
 * or so, workflow syncs and release commits from GitHub Actions, and the
 * initial commit that the golden path pushes into a new repository.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/time";
import { nextWeekday } from "./clock";
import { makePullRequest, type HistoryContext } from "./changes";
import type { DemoCommit, DemoPullRequest, DemoRepository } from "./model";

const PACKAGES = [
  "next",
  "react",
  "zod",
  "pino",
  "axios",
  "grpc-java",
  "jackson-databind",
  "opentelemetry-sdk",
  "aws-sdk",
  "terraform-provider-aws",
];

/** Dependency-update pull requests; renovate merges its own on teams that trust their pipeline, elsewhere they pile up. */
export function generateBotPullRequests(ctx: HistoryContext): DemoPullRequest[] {
  const { rng, now, historyStart } = ctx;
  const pullRequests: DemoPullRequest[] = [];
  for (const repository of ctx.repositories) {
    const team = repository.team;
    const bot = team.dependencyBot;
    const automerge = bot === "renovate[bot]";
    // Renovate runs on its "every weekend" schedule and merges green updates itself; Dependabot opens on Mondays.
    for (let day = nextWeekday(historyStart, automerge ? 6 : 1); day < now; day += 7 * DAY_MS) {
      if (!rng.chance(automerge ? 0.4 : 0.25)) continue;
      const createdAt = day + rng.between(3, 6) * HOUR_MS;
      if (createdAt > now || createdAt < repository.createdAt + 7 * DAY_MS) continue;
      const dependency = rng.pick(PACKAGES);
      const branch = automerge
        ? `renovate/${dependency}-${rng.int(1, 9)}.x`
        : `dependabot/npm_and_yarn/${dependency}-${rng.int(1, 20)}.${rng.int(0, 9)}.${rng.int(0, 9)}`;
      const mergeChance = automerge ? 0.9 : team.style === "scripts" ? 0.3 : 0.6;
      const reviewHours = automerge ? rng.logNormal(1.5, 0.5) : rng.logNormal(team.performance.reviewHours * 1.5, 0.8);
      pullRequests.push(
        makePullRequest(ctx, repository, bot, createdAt, {
          merged: rng.chance(mergeChance),
          reviewMs: reviewHours * HOUR_MS,
          codingMs: MINUTE_MS,
          commitCount: 1,
          baseBranch: repository.defaultBranch,
          branch,
          byBot: true,
        }),
      );
    }
  }
  // The platform team lets a workflow open the pull request that bumps the shared workflows' pinned versions.
  const ciTemplates = ctx.repositories.find((r) => r.spec.kind === "ci-templates");
  if (ciTemplates) {
    for (let day = nextWeekday(historyStart, 2); day < now; day += 28 * DAY_MS) {
      pullRequests.push(
        makePullRequest(ctx, ciTemplates, "github-actions[bot]", day + 6 * HOUR_MS, {
          merged: true,
          reviewMs: rng.logNormal(20, 0.6) * HOUR_MS,
          codingMs: 2 * MINUTE_MS,
          commitCount: 1,
          baseBranch: ciTemplates.defaultBranch,
          branch: "actions/sync-pinned-versions",
          byBot: true,
        }),
      );
    }
  }
  return pullRequests.filter((pr) => pr.createdAt <= now);
}

/** Release commits that GitHub Actions pushes straight to the design system's default branch after each publish. */
export function generateReleaseCommits(ctx: HistoryContext): DemoCommit[] {
  const { rng, now, historyStart } = ctx;
  const commits: DemoCommit[] = [];
  for (const repository of ctx.repositories.filter((r) => r.spec.kind === "library")) {
    for (let day = nextWeekday(historyStart, 4); day < now; day += 7 * DAY_MS) {
      const authoredAt = day + rng.between(15, 18) * HOUR_MS;
      if (authoredAt > now) continue;
      commits.push({
        repositoryId: repository.id,
        sha: rng.hex(40),
        authoredAt,
        authorId: "github-actions[bot]",
        committedAt: authoredAt,
      });
    }
  }
  return commits;
}

/** The first commit of each repository born inside the history, pushed by whoever ran the golden path. */
export function generateInitialCommits(ctx: HistoryContext): { repository: DemoRepository; commit: DemoCommit }[] {
  const { rng, historyStart } = ctx;
  return ctx.repositories
    .filter((r) => r.createdAt >= historyStart)
    .map((repository) => {
      const team = ctx.people.filter((p) => p.teamId === repository.team.id && !p.newcomer);
      const authorId = rng.pick(team).id;
      const authoredAt = repository.createdAt + rng.between(1, 4) * MINUTE_MS;
      return {
        repository,
        commit: { repositoryId: repository.id, sha: rng.hex(40), authoredAt, authorId, committedAt: authoredAt },
      };
    });
}
