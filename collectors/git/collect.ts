import { storeRecords } from "@/collectors/store";
import type { ImportSummary } from "@/lib/import/summary";
import { recordPersonLinks, recordPersonNames } from "@/lib/queries/identities";
import { knownPersonIds } from "@/lib/queries/known-people";
import {
  reconcileOwnedPullRequests,
  removeStaleDeployments,
  storedDefaultBranch,
  teamExists,
} from "@/lib/queries/collector-owned";
import { recordOwnedPeople, removeStaleHistory } from "@/lib/queries/stale-commits";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import type { CollectorContext } from "../types";
import type { GitRepositoryTarget } from "./config";
import { snapshotTree } from "./files";
import { GitError } from "./git";
import { readCommits } from "./log";
import { isBotAuthor } from "./people";
import { describePullRequest } from "./pull-requests";
import { type PullRequestCommit, pullRequestCommits } from "./release-merges";
import { commitsOnlyIn, firstCommitDate, inspectRepository, isAncestor, type RepositoryInfo } from "./repository";
import { type GitTag, noTagMatches, readReleaseTags, tagNames, tagUrl } from "./tags";

/** The cursor's source name in sync_cursors: one cursor per repository, stream "commits". */
export const GIT_SOURCE = "git";

/** What one repository's collection stored. */
export interface GitRepositoryResult {
  repositoryId: string;
  summary: ImportSummary;
  /** Commits read this run: all of them on a first run, those since the cursor after. */
  newCommits: number;
  /** Things stored that deserve a word: a guessed default branch, a tag pattern matching nothing. */
  warnings: string[];
  /** Deployments from tags the repository no longer has (or the pattern no longer matches), removed. */
  removedDeployments: number;
  /** Pull requests an earlier run stored that the default branch no longer holds (another branch was read), removed. */
  removedPullRequests: number;
  /** Commits only a branch read before held, and the people only they made, removed. */
  removedCommits: number;
  removedPeople: number;
}

/** The history to read: everything, or only what came after the cursor when it is still in HEAD's history. */
async function commitRange(dir: string, cursor: string | null, head: string): Promise<string | null> {
  if (cursor === head) return null;
  if (cursor && (await isAncestor(dir, cursor, head))) return `${cursor}..${head}`;
  return head;
}

/** One repository's run: where it is, what to read, and a count of commits read so far. */
interface GitJob {
  ctx: CollectorContext;
  dir: string;
  workspaceId: number;
  repo: RepositoryInfo & { head: string };
  range: string | null;
  team: string | undefined;
  /** The team record to create first, when `team` names one the workspace does not have yet. */
  newTeam: boolean;
  tags: GitTag[];
  /** Whether the default branch's tree moved since the last snapshot. */
  withFiles: boolean;
  counter: { commits: number };
  /** What the run saw of identities, stored after the records: names per id, and logins linked to commit ids. */
  identities: { names: Map<string, Set<string>>; links: { personId: string; otherId: string; reason: string }[] };
  /** The numbers of the pull requests yielded, for reconciling what earlier runs stored. */
  pullRequestNumbers: number[];
  /** The people this run wrote (the workspace did not know them), owned by the collector from now on. */
  newPeople: string[];
}

/** A tag's deployment id: the collector's own prefix, so re-collecting can tell which it owns. */
const deploymentIdPrefix = (repositoryId: string) => `git:${repositoryId}:`;

async function* records({
  ctx,
  dir,
  workspaceId,
  repo,
  range,
  team,
  newTeam,
  tags,
  withFiles,
  counter,
  identities,
  pullRequestNumbers,
  newPeople,
}: GitJob) {
  if (team && newTeam) yield { type: "team", id: team, name: team };
  yield {
    type: "repository",
    id: repo.id,
    name: repo.id,
    createdAt: await firstCommitDate(dir, repo.head),
    defaultBranch: repo.defaultBranch,
    url: repo.url,
    teamId: team,
  };
  if (withFiles)
    yield {
      type: "repository_files",
      repositoryId: repo.id,
      observedAt: new Date(ctx.now()).toISOString(),
      files: await snapshotTree(dir, repo.head, ctx.signal),
    };
  const authors = new Map<string, string>();
  if (range) {
    for await (const c of readCommits(dir, range, { signal: ctx.signal })) {
      if (!authors.has(c.authorId)) authors.set(c.authorId, c.authorName);
      const names = identities.names.get(c.authorId);
      if (names) names.add(c.authorName);
      else identities.names.set(c.authorId, new Set([c.authorName]));
      counter.commits++;
      if (counter.commits % 1000 === 0)
        ctx.progress({ source: GIT_SOURCE, scope: repo.id, stream: "commits", done: counter.commits });
      yield {
        type: "commit",
        repositoryId: repo.id,
        sha: c.sha,
        authoredAt: c.authoredAt,
        committedAt: c.committedAt,
        authorId: c.authorId,
        // The graph lets lead time link a pull request only to the releases that contain it (spec/metrics.md §2).
        parents: c.parents,
      };
    }
    ctx.progress({
      source: GIT_SOURCE,
      scope: repo.id,
      stream: "commits",
      done: counter.commits,
      total: counter.commits,
    });
    // One pull request per number: the first merge of it (a squash cherry-picked onto two branches names it twice).
    const found = new Map<number, PullRequestCommit>();
    for await (const c of readCommits(dir, range, { firstParent: true, signal: ctx.signal }))
      for (const pr of await pullRequestCommits(dir, c, owner(repo), ctx.signal)) {
        const seen = found.get(pr.number);
        if (!seen || Date.parse(pr.commit.committedAt) < Date.parse(seen.commit.committedAt)) found.set(pr.number, pr);
      }
    const pullRequests = [];
    for (const { commit, number, behindMerge, branch } of found.values())
      pullRequests.push({ ...(await describePullRequest(dir, commit, number, owner(repo), branch)), behindMerge });
    // Logins from merge subjects are people too, or their pull requests would have no author to start onboarding.
    for (const pr of pullRequests) if (!authors.has(pr.authorId)) authors.set(pr.authorId, "");
    // Only people not seen before: another source may have given them a team, and a record replaces whole.
    const known = await knownPersonIds(ctx.db, workspaceId, [...authors.keys()]);
    for (const [id, name] of authors) {
      if (known.has(id)) continue;
      newPeople.push(id);
      yield {
        type: "person",
        id,
        name: name || undefined,
        // First seen in a team's repository: that team's, so per-team onboarding has people to count.
        teamId: team,
        isBot: isBotAuthor(name, id) || undefined,
      };
    }
    for (const { sameAuthorAs, behindMerge, ...pr } of pullRequests) {
      pullRequestNumbers.push(pr.number);
      if (sameAuthorAs)
        identities.links.push({
          personId: pr.authorId,
          otherId: sameAuthorAs,
          reason: `pull request #${pr.number} of ${repo.id} was opened by ${pr.authorId} and holds only ${sameAuthorAs}'s commits`,
        });
      yield {
        type: "pull_request",
        repositoryId: repo.id,
        ...pr,
        closedAt: pr.mergedAt,
        // Merged into a branch git does not name (dev, develop, next…) that a later merge brought into the default
        // branch: no base is stored, so lead time counts it (spec/metrics.md §2 skips a known base that is not the
        // default branch) and measures it to the first deployment that contains it.
        baseBranch: behindMerge ? undefined : repo.defaultBranch,
        url: repo.url && /^https:\/\/github\.com\//.test(repo.url) ? `${repo.url}/pull/${pr.number}` : undefined,
      };
    }
  }
  for (const tag of tags) {
    const url = tagUrl(repo.url, tag.name);
    yield {
      type: "deployment",
      id: `${deploymentIdPrefix(repo.id)}${tag.name}`,
      repositoryId: repo.id,
      environment: "production",
      status: "success",
      createdAt: tag.taggedAt,
      finishedAt: tag.taggedAt,
      sha: tag.sha,
      ...(url ? { url } : {}),
    };
  }
}

/** The owner of an `owner/name` id (from origin or `--repository-id`): merges "from owner/branch" are the repository's own branches. */
function owner(repo: RepositoryInfo): string | null {
  return repo.id.includes("/") ? repo.id.slice(0, repo.id.indexOf("/")) : null;
}

/**
 * Collects one local clone's default branch into a workspace: the repository
 * (and its team), a snapshot of its files, its commits and authors, pull
 * requests named by merge commits, and release tags as production
 * deployments; deployments of tags no longer yielded are removed. Reads only what came after the cursor (the last
 * HEAD stored); the cursor moves once everything is stored without rejection.
 */
export async function collectGitRepository(
  ctx: CollectorContext,
  workspaceId: number,
  target: GitRepositoryTarget,
  tagPattern: RegExp,
  branch?: string,
): Promise<GitRepositoryResult> {
  const dir = target.path;
  const info = await inspectRepository(dir, "id" in target ? target.id : null, branch);
  if (!info.head) throw new GitError(`${dir}: the repository has no commits yet`, null);
  const repo = { ...info, head: info.head };
  const warnings = info.warning ? [info.warning] : [];
  const cursor = await getCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "commits");
  const filesCursor = await getCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "files");
  // Another branch read before (a checkout, an older --branch): read the whole history again, so what only
  // that branch held can be told and removed.
  const before = await storedDefaultBranch(ctx.db, workspaceId, repo.id);
  const branchMoved = before !== undefined && before !== repo.defaultBranch;
  const range = await commitRange(dir, branchMoved ? null : cursor, repo.head);
  const tags = await readReleaseTags(dir, tagPattern);
  if (tags.length === 0) warnings.push(noTagMatches(tagPattern, await tagNames(dir)));
  const team = "team" in target ? target.team : undefined;
  const counter = { commits: 0 };
  const identities: GitJob["identities"] = { names: new Map(), links: [] };
  const pullRequestNumbers: number[] = [];
  const newPeople: string[] = [];
  const summary = await storeRecords(
    ctx.db,
    ctx.workspace,
    `git:${repo.id}`,
    records({
      ctx,
      dir,
      workspaceId,
      repo,
      range,
      team,
      newTeam: team !== undefined && !(await teamExists(ctx.db, workspaceId, team)),
      tags,
      withFiles: filesCursor !== repo.head,
      counter,
      identities,
      pullRequestNumbers,
      newPeople,
    }),
  );
  // Evidence only: whether ids are merged is decided when metrics are read (lib/identities), honouring `altimeter people`.
  await recordPersonNames(
    ctx.db,
    workspaceId,
    [...identities.names].flatMap(([personId, names]) => [...names].map((name) => ({ personId, name }))),
  );
  await recordPersonLinks(ctx.db, workspaceId, identities.links);
  let removedDeployments = 0;
  let removedPullRequests = 0;
  let removedCommits = 0;
  let removedPeople = 0;
  if (summary.rejectedTotal === 0) {
    // Only after a clean store: a rejected run must not lose what the last good one recorded.
    removedDeployments = await removeStaleDeployments(
      ctx.db,
      workspaceId,
      repo.id,
      deploymentIdPrefix(repo.id),
      tags.map((t) => `${deploymentIdPrefix(repo.id)}${t.name}`),
    );
    // A whole-history read (first run, or the cursor is not in the branch: another branch was read before)
    // yields every pull request of the branch, so those stored before and not yielded now are stale.
    if (range !== null)
      removedPullRequests = await reconcileOwnedPullRequests(
        ctx.db,
        workspaceId,
        GIT_SOURCE,
        repo.id,
        pullRequestNumbers,
        range === repo.head,
      );
    await recordOwnedPeople(ctx.db, workspaceId, GIT_SOURCE, repo.id, newPeople);
    // The last run read up to `cursor`, which the branch read now does not hold (another branch, a force-push):
    // what only that history held is no longer in the source, nor are the people only it (or the pull requests
    // just removed) named.
    let stale: string[] = [];
    if (range === repo.head && cursor !== null && cursor !== repo.head) {
      const only = await commitsOnlyIn(dir, cursor, repo.head);
      if (only === null)
        warnings.push(
          `the history read before (up to ${cursor.slice(0, 12)}) is no longer in the clone, so the commits only it held cannot be told and were kept`,
        );
      else stale = only;
    }
    if (stale.length > 0 || removedPullRequests > 0)
      ({ commits: removedCommits, people: removedPeople } = await removeStaleHistory(
        ctx.db,
        workspaceId,
        GIT_SOURCE,
        repo.id,
        stale,
        team ?? null,
      ));
    await setCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "commits", repo.head, ctx.now());
    await setCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "files", repo.head, ctx.now());
  }
  return {
    repositoryId: repo.id,
    summary,
    newCommits: counter.commits,
    warnings,
    removedDeployments,
    removedPullRequests,
    removedCommits,
    removedPeople,
  };
}
