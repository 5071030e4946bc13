/**
 * The demo organisation generator behind `altimeter demo`: Northwind, a
 * mid-size company of six teams with clearly different delivery performance
 * and platform maturity, over the twelve months before `now`.
 */
import { generateBotPullRequests, generateInitialCommits, generateReleaseCommits } from "./bots";
import { generateTeamPullRequests, numberPullRequests, type HistoryContext } from "./changes";
import { generateCiRuns } from "./ci";
import { DAY_MS, MINUTE_MS } from "@/lib/time";
import { HISTORY_DAYS, iso } from "./clock";
import { generatePreviewDeployments, generateTeamDeployments, numberDeployments } from "./deployments";
import { repositoryFiles } from "./files";
import { generateIncidents } from "./incidents";
import type { DemoCommit, DemoPullRequest, MainlineChange } from "./model";
import { buildPeople, buildRepositories } from "./organisation";
import { Random } from "./random";
import {
  ciRunRecord,
  commitRecord,
  deploymentRecord,
  incidentRecord,
  personRecord,
  pullRequestRecord,
  repositoryRecord,
  type RawRecord,
} from "./records";
import { PARENT_TEAM, TEAMS } from "./teams";

/** The seed `altimeter demo` uses unless told otherwise. */
export const DEFAULT_DEMO_SEED = 20_240_611;

/** How to generate the demo: `now` (UTC ms) ends the history; the same `seed` and `now` give the same records. */
export interface DemoOptions {
  now: number;
  seed?: number;
}

/** What each repository's default branch received, in time order: merged pull requests and initial commits. */
function mainlineChanges(
  pullRequests: readonly DemoPullRequest[],
  initial: readonly { commit: DemoCommit }[],
): Map<string, MainlineChange[]> {
  const byRepository = new Map<string, MainlineChange[]>();
  const add = (repositoryId: string, change: MainlineChange): void => {
    const list = byRepository.get(repositoryId) ?? [];
    list.push(change);
    byRepository.set(repositoryId, list);
  };
  for (const { commit } of initial) add(commit.repositoryId, { sha: commit.sha, at: commit.authoredAt, initial: true });
  for (const pr of pullRequests) {
    if (pr.mergedAt !== undefined && pr.mergeCommitSha && pr.baseBranch === pr.repository.defaultBranch)
      add(pr.repository.id, { sha: pr.mergeCommitSha, at: pr.mergedAt });
  }
  for (const list of byRepository.values()) list.sort((a, b) => a.at - b.at);
  return byRepository;
}

/** The squash commit each merged pull request leaves on its base branch. */
function mergeCommit(pr: DemoPullRequest): DemoCommit[] {
  if (pr.mergedAt === undefined || !pr.mergeCommitSha) return [];
  return [
    {
      repositoryId: pr.repository.id,
      sha: pr.mergeCommitSha,
      authoredAt: pr.mergedAt,
      authorId: pr.authorId,
      committedAt: pr.mergedAt,
    },
  ];
}

/**
 * Raw event-format records of the demo organisation (plain JSON objects
 * exactly as a user would write them in NDJSON: RFC 3339 timestamp strings
 * with Z, absent fields omitted). Deterministic for a given (now, seed); no
 * timestamp is after `now`.
 */
export function generateDemoRecords(options: DemoOptions): RawRecord[] {
  const now = Math.floor(options.now);
  const root = new Random(options.seed ?? DEFAULT_DEMO_SEED);
  const historyStart = now - HISTORY_DAYS * DAY_MS;
  const repositories = buildRepositories(root.derive("repositories"), now);
  const people = buildPeople(root.derive("people"), now);
  const context = (label: string): HistoryContext => ({
    rng: root.derive(label),
    now,
    historyStart,
    repositories,
    people,
  });

  const pullRequests = [
    ...TEAMS.flatMap((team) => generateTeamPullRequests(context(`changes:${team.id}`), team)),
    ...generateBotPullRequests(context("bots")),
  ].sort((a, b) => a.createdAt - b.createdAt);
  numberPullRequests(pullRequests, historyStart);
  const initial = generateInitialCommits(context("initial-commits"));
  const commits = [
    ...initial.map((i) => i.commit),
    ...pullRequests.flatMap((pr) => [...pr.commits, ...mergeCommit(pr)]),
    ...generateReleaseCommits(context("release-commits")),
  ].sort((a, b) => a.authoredAt - b.authoredAt);

  const mainline = mainlineChanges(pullRequests, initial);
  const deployments = numberDeployments(root.derive("deployment-ids"), [
    ...TEAMS.flatMap((team) =>
      generateTeamDeployments(root.derive(`deployments:${team.id}`), now, historyStart, team, repositories, mainline),
    ),
    ...generatePreviewDeployments(root.derive("previews"), now, pullRequests),
  ]);
  const ciRuns = generateCiRuns(root.derive("ci"), now, pullRequests);
  const incidents = generateIncidents(root.derive("incidents"), now, historyStart, repositories, deployments);

  return [
    { type: "team", id: PARENT_TEAM.id, name: PARENT_TEAM.name },
    ...TEAMS.map((team) => ({ type: "team", id: team.id, name: team.name, parentId: PARENT_TEAM.id })),
    ...repositories.map(repositoryRecord),
    ...people.map(personRecord),
    ...commits.map(commitRecord),
    ...pullRequests.map(pullRequestRecord),
    ...deployments.map(deploymentRecord),
    ...ciRuns.map(ciRunRecord),
    ...incidents.map(incidentRecord),
    ...repositories.map((r, i) => ({
      type: "repository_files",
      repositoryId: r.id,
      observedAt: iso(now - (2 + i) * MINUTE_MS),
      files: repositoryFiles(r),
    })),
  ];
}
