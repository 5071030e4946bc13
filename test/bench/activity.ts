/**
 * One repository's history: pull requests with their commits, direct
 * commits, deployments to staging and production, CI runs and incidents.
 * Generated and emitted repository by repository, so memory holds one
 * repository's shas at a time, never the workspace.
 */
import { pickPresent, type Org, type PersonInfo, type RepositoryInfo } from "./org";
import { apportion, Rng } from "./random";
import type { RecordSink } from "./records";
import { DAY_MS, HOUR_MS, lastAtOrBefore, MINUTE_MS, sortedWorkTimes, wholeSeconds, workTime } from "./time";

/** How many records of each kind one repository gets. */
export interface ActivityCounts {
  commits: number;
  pullRequests: number;
  deployments: number;
  ciRuns: number;
  incidents: number;
}

/** Workspace-wide id counters (deployment, CI run and incident ids are unique per workspace). */
export interface IdCounters {
  deployment: number;
  ciRun: number;
  incident: number;
}

interface PullRequest {
  number: number;
  author: PersonInfo;
  createdAt: number;
  firstCommitAt: number | null;
  mergedAt: number | null;
  closedAt: number | null;
  baseBranch: string;
  mergeCommitSha: string | null;
}

/** A successful production deployment: what incidents follow. */
interface ShippedDeployment {
  id: string;
  finishedAt: number;
  sha: string | null;
}

const WORKFLOWS: [string, number][] = [
  ["ci", 0.45],
  ["lint", 0.65],
  ["build", 0.8],
  ["e2e", 0.9],
  ["codeql", 0.95],
  ["release", 1],
];
const INCIDENT_TITLES = [
  "Elevated 5xx on",
  "Latency spike in",
  "Error budget burn on",
  "Failed jobs in",
  "Degraded",
  "Timeouts calling",
  "Memory leak in",
];

/** Someone from the repository's team present at `t` (88%), else anyone present, else the earliest person. */
function author(rng: Rng, org: Org, repo: RepositoryInfo, t: number): PersonInfo {
  const team = repo.teamIndex !== null && rng.chance(0.88) ? pickPresent(rng, org.teamPools[repo.teamIndex]!, t) : null;
  return team ?? pickPresent(rng, org.everyone, t) ?? org.everyone.people[0]!;
}

function pullRequests(rng: Rng, org: Org, repo: RepositoryInfo, n: number, from: number): PullRequest[] {
  const base = repo.createdAt < org.dataStart ? rng.int(50, 4_000) : 0;
  const defaultBranch = repo.defaultBranch ?? "main";
  return Array.from(sortedWorkTimes(rng, n, from, org.end - 2 * HOUR_MS), (createdAt, i): PullRequest => {
    const bot = rng.chance(0.07);
    const who = bot ? rng.pick(org.dependencyBots) : author(rng, org, repo, createdAt);
    const firstCommitAt = bot
      ? createdAt
      : rng.chance(0.93)
        ? wholeSeconds(createdAt - rng.logNormal(3 * HOUR_MS, 1.3))
        : null;
    const u = rng.next();
    let mergedAt =
      u < 0.85 ? wholeSeconds(createdAt + Math.max(2 * MINUTE_MS, rng.logNormal((bot ? 4 : 7) * HOUR_MS, 1.4))) : null;
    let closedAt = mergedAt ?? (u < 0.95 ? wholeSeconds(createdAt + rng.logNormal(30 * HOUR_MS, 1.2)) : null);
    if (closedAt !== null && closedAt > org.end) mergedAt = closedAt = null; // still open at the end of the data
    const v = rng.next();
    const baseBranch =
      v < 0.93
        ? defaultBranch
        : v < 0.97
          ? "develop"
          : `release/${new Date(createdAt).getUTCFullYear()}.${rng.int(1, 12)}`;
    return {
      number: base + i + 1,
      author: who,
      createdAt,
      firstCommitAt,
      mergedAt,
      closedAt,
      baseBranch,
      mergeCommitSha: mergedAt !== null ? rng.sha() : null,
    };
  });
}

const VERBS = ["Add", "Update", "Fix", "Refactor", "Remove", "Document", "Bump", "Speed up"];
const AREAS = ["billing", "search", "auth", "checkout", "api", "ui", "build", "docs", "cache", "deps", "exports"];
const LABELS = ["enhancement", "bug", "documentation", "dependencies", "chore", "backend", "frontend"];

/**
 * A pull request's title and labels as real projects write them: about 2 % of
 * titles start with "Revert" and 2 % with "hotfix" (the default rework
 * pattern, spec/metrics.md §7), 40 % carry labels, 1 % the label "hotfix".
 */
function titleAndLabels(rng: Rng, number: number): { title: string; labels: string | null } {
  const u = rng.next();
  const title =
    u < 0.02
      ? `Revert "${rng.pick(VERBS)} ${rng.pick(AREAS)} (#${Math.max(1, number - rng.int(1, 40))})"`
      : u < 0.04
        ? `hotfix: ${rng.pick(AREAS)} ${rng.pick(["crash", "timeout", "500s", "login loop"])}`
        : `${rng.pick(VERBS)} ${rng.pick(AREAS)}: ${rng.pick(["first pass", "edge cases", "tests", "cleanup", "v2"])}`;
  const v = rng.next();
  const labels =
    v < 0.6
      ? null
      : v < 0.99
        ? JSON.stringify([rng.pick(LABELS), ...(rng.chance(0.3) ? [rng.pick(LABELS)] : [])])
        : '["hotfix"]';
  return { title, labels };
}

/** Emits one repository's activity; returns nothing but advances the id counters. */
export function emitRepositoryActivity(
  rng: Rng,
  org: Org,
  repo: RepositoryInfo,
  counts: ActivityCounts,
  ids: IdCounters,
  sink: RecordSink,
): void {
  const from = Math.max(repo.createdAt + HOUR_MS, org.dataStart);
  const end = org.end;
  const shas: string[] = [];
  const emitCommit = (sha: string, at: number, who: PersonInfo | null, parents: readonly string[]) => {
    shas.push(sha);
    const committedAt = rng.chance(0.8) ? at : Math.min(end, wholeSeconds(at + rng.logNormal(2 * HOUR_MS, 1)));
    sink.write("commit", [
      repo.id,
      sha,
      at,
      rng.chance(0.01) ? null : (who?.id ?? null),
      committedAt,
      JSON.stringify(parents),
    ]);
  };

  const prs = pullRequests(rng, org, repo, counts.pullRequests, from);
  // The default branch: merges in merge order, each merge commit's first parent the one before it.
  const merged = prs
    .filter((pr) => pr.mergedAt !== null && pr.baseBranch === (repo.defaultBranch ?? "main"))
    .sort((a, b) => a.mergedAt! - b.mergedAt!);
  const mergedTimes = Float64Array.from(merged, (pr) => pr.mergedAt!);
  const mainlineIndex = new Map(merged.map((pr, i) => [pr, i]));
  /** The default branch's head at t: the latest merge commit at or before it; [] before the first. */
  const headAt = (t: number): string[] => {
    const i = lastAtOrBefore(mergedTimes, t);
    return i < 0 ? [] : [merged[i]!.mergeCommitSha!];
  };
  const inPullRequests = Math.round(counts.commits * 0.82);
  const perPullRequest = apportion(
    inPullRequests,
    prs.map((pr) => (pr.mergedAt !== null ? 1 : 0.5) + rng.logNormal(3, 0.7)),
  );
  // A repository without pull requests still has its commits, pushed directly.
  const direct = counts.commits - (prs.length > 0 ? inPullRequests : 0);
  // Titles and labels from a stream of their own, so the rest of the workspace is what it was without them.
  const words = new Rng(repo.createdAt, 7);
  prs.forEach((pr, i) => {
    const { title, labels } = titleAndLabels(words, pr.number);
    sink.write("pull_request", [
      repo.id,
      pr.number,
      pr.author.id,
      pr.createdAt,
      pr.firstCommitAt,
      pr.mergedAt,
      pr.closedAt,
      pr.baseBranch,
      pr.mergeCommitSha,
      `https://github.com/${repo.name}/pull/${pr.number}`,
      title,
      labels,
    ]);
    const k = perPullRequest[i]!;
    const c0 = pr.firstCommitAt ?? pr.createdAt - HOUR_MS;
    const c1 = pr.closedAt ?? Math.min(end, pr.createdAt + 2 * DAY_MS);
    // The branch starts from the default branch's head; the merge commit joins the previous merge and the branch.
    let previous: string | null = null;
    for (let j = 0; j < k; j++) {
      const last = j === k - 1 && pr.mergeCommitSha !== null;
      const at =
        j === 0 && pr.firstCommitAt !== null
          ? pr.firstCommitAt
          : last
            ? pr.mergedAt!
            : wholeSeconds(rng.between(c0, c1));
      const sha = last ? pr.mergeCommitSha! : rng.sha();
      const index = last ? mainlineIndex.get(pr) : undefined;
      const parents =
        index !== undefined
          ? [...(index > 0 ? [merged[index - 1]!.mergeCommitSha!] : []), ...(previous ? [previous] : [])]
          : previous
            ? [previous]
            : headAt(c0);
      emitCommit(sha, at, rng.chance(0.92) ? pr.author : author(rng, org, repo, at), parents);
      previous = sha;
    }
  });
  // Commits pushed outside pull requests sit on release branches cut from the default branch's head at the time.
  const releaseCommits: { sha: string; at: number }[] = [];
  for (let i = 0; i < direct; i++) {
    const at = workTime(rng, from, end);
    const sha = rng.sha();
    emitCommit(sha, at, rng.chance(0.1) ? rng.pick(org.automationBots) : author(rng, org, repo, at), headAt(at));
    releaseCommits.push({ sha, at });
  }
  releaseCommits.sort((a, b) => a.at - b.at);

  // What production can ship: merges into the default branch, in merge order, and now and then a release branch.
  const shipped = emitDeployments(
    rng,
    org,
    repo,
    counts.deployments,
    from,
    merged,
    mergedTimes,
    releaseCommits,
    ids,
    sink,
  );
  emitCiRuns(rng, org, repo, counts.ciRuns, from, shas, ids, sink);
  emitIncidents(rng, org, repo, counts.incidents, from, shipped, ids, sink);
}

function emitDeployments(
  rng: Rng,
  org: Org,
  repo: RepositoryInfo,
  n: number,
  from: number,
  merged: PullRequest[],
  mergedTimes: Float64Array,
  releaseCommits: readonly { sha: string; at: number }[],
  ids: IdCounters,
  sink: RecordSink,
): ShippedDeployment[] {
  const releaseTimes = Float64Array.from(releaseCommits, (c) => c.at);
  const shipped: ShippedDeployment[] = [];
  for (const createdAt of sortedWorkTimes(rng, n, from, org.end)) {
    const id = `deploy-${++ids.deployment}`;
    const u = rng.next();
    const production = u < 0.55;
    const environment = production
      ? rng.pick(repo.productionEnvironments)
      : u < 0.95
        ? repo.stagingEnvironment
        : rng.chance(0.5)
          ? "dev"
          : `preview-pr-${rng.int(1, 5_000)}`;
    const latest = lastAtOrBefore(mergedTimes, createdAt);
    // Mostly the latest merge; sometimes an older one (a rollback), sometimes no sha at all.
    const pick = rng.chance(0.9) ? latest : latest - rng.int(1, 5);
    let sha = rng.chance(0.02) || pick < 0 ? null : merged[pick]!.mergeCommitSha;
    // About one production deployment in twenty ships a release branch: it lacks the merges after its cut.
    if (production && rng.chance(0.05)) {
      const r = lastAtOrBefore(releaseTimes, createdAt);
      if (r >= 0) sha = releaseCommits[r]!.sha;
    }
    let finishedAt: number | null = wholeSeconds(
      createdAt + Math.max(MINUTE_MS, rng.logNormal((production ? 9 : 6) * MINUTE_MS, 0.6)),
    );
    const s = rng.next();
    let status: string = s < (production ? 0.87 : 0.82) ? "success" : s < 0.95 ? "failure" : "cancelled";
    if (status === "cancelled" && rng.chance(0.5)) finishedAt = null;
    if (finishedAt !== null && finishedAt > org.end) [status, finishedAt] = ["in_progress", null];
    if (production && status === "success") shipped.push({ id, finishedAt: finishedAt!, sha });
    sink.write("deployment", [
      id,
      repo.id,
      environment,
      status,
      createdAt,
      finishedAt,
      sha,
      `https://deploy.acme.dev/${repo.name}/${id}`,
    ]);
  }
  return shipped;
}

function emitCiRuns(
  rng: Rng,
  org: Org,
  repo: RepositoryInfo,
  n: number,
  from: number,
  shas: string[],
  ids: IdCounters,
  sink: RecordSink,
): void {
  const defaultBranch = repo.defaultBranch ?? "main";
  for (const startedAt of sortedWorkTimes(rng, n, from, org.end)) {
    const id = `run-${++ids.ciRun}`;
    const w = rng.next();
    const workflow = WORKFLOWS.find(([, upTo]) => w < upTo)![0];
    const s = rng.next();
    let status: string = s < 0.8 ? "success" : s < 0.92 ? "failure" : s < 0.96 ? "cancelled" : "skipped";
    let finishedAt: number | null =
      status === "skipped" ? startedAt : wholeSeconds(startedAt + Math.max(20_000, rng.logNormal(8 * MINUTE_MS, 0.8)));
    if (finishedAt > org.end) [status, finishedAt] = ["in_progress", null];
    const e = rng.next();
    const event = e < 0.55 ? "push" : e < 0.95 ? "pull_request" : e < 0.98 ? "schedule" : "workflow_dispatch";
    const branch = event === "pull_request" ? `feature/${rng.int(1, 9_999)}` : defaultBranch;
    const headSha = shas.length > 0 && rng.chance(0.97) ? shas[Math.floor(rng.next() * shas.length)]! : null;
    sink.write("ci_run", [
      id,
      repo.id,
      workflow,
      status,
      startedAt,
      finishedAt,
      headSha,
      branch,
      event,
      `https://github.com/${repo.name}/actions/runs/${ids.ciRun}`,
    ]);
  }
}

function emitIncidents(
  rng: Rng,
  org: Org,
  repo: RepositoryInfo,
  n: number,
  from: number,
  shipped: ShippedDeployment[],
  ids: IdCounters,
  sink: RecordSink,
): void {
  for (let i = 0; i < n; i++) {
    const id = `INC-${++ids.incident}`;
    const cause = shipped.length > 0 ? shipped[Math.floor(rng.next() * shipped.length)]! : null;
    const openedAt = cause
      ? Math.max(
          cause.finishedAt,
          Math.min(org.end - 1000, wholeSeconds(cause.finishedAt + rng.logNormal(2.5 * HOUR_MS, 1.2))),
        )
      : workTime(rng, from, org.end);
    const resolved = wholeSeconds(openedAt + Math.max(MINUTE_MS, rng.logNormal(1.2 * HOUR_MS, 1.3)));
    const resolvedAt = rng.chance(0.95) && resolved <= org.end ? resolved : null;
    // How the source names what broke: a deployment, a sha, a repository, only a team, or nothing.
    const u = rng.next();
    const byDeployment = cause && u < 0.25,
      bySha = cause?.sha && u >= 0.25 && u < 0.45;
    const teamOnly = u >= 0.85 && u < 0.93 && repo.teamId !== null;
    const unnamed = u >= 0.93;
    const deploymentId = byDeployment ? (rng.chance(0.02) ? `deploy-missing-${i}` : cause.id) : null;
    const s = rng.next();
    sink.write("incident", [
      id,
      openedAt,
      `${rng.pick(INCIDENT_TITLES)} ${repo.name.slice(5)}`,
      s < 0.05 ? "sev1" : s < 0.25 ? "sev2" : s < 0.7 ? "sev3" : "sev4",
      resolvedAt,
      teamOnly || unnamed ? null : repo.id,
      teamOnly ? repo.teamId : null,
      deploymentId,
      bySha ? cause!.sha : null,
      rng.pick(["pagerduty", "pagerduty", "pagerduty", "opsgenie", "incident.io"]),
      `https://acme.pagerduty.com/incidents/${id}`,
    ]);
  }
}
