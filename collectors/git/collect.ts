import { storeRecords } from "@/collectors/store";
import type { ImportSummary } from "@/lib/import/summary";
import { knownPersonIds } from "@/lib/queries/known-people";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import type { CollectorContext } from "../types";
import type { GitRepositoryTarget } from "./config";
import { GitError } from "./git";
import { readCommits } from "./log";
import { isBotAuthor } from "./people";
import { describePullRequest, pullRequestNumber } from "./pull-requests";
import { firstCommitDate, inspectRepository, isAncestor, type RepositoryInfo } from "./repository";
import { readReleaseTags } from "./tags";

/** The cursor's source name in sync_cursors: one cursor per repository, stream "commits". */
export const GIT_SOURCE = "git";

/** What one repository's collection stored. */
export interface GitRepositoryResult {
  repositoryId: string;
  summary: ImportSummary;
  /** Commits read this run: all of them on a first run, those since the cursor after. */
  newCommits: number;
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
  tagPattern: RegExp;
  counter: { commits: number };
}

async function* records({ ctx, dir, workspaceId, repo, range, team, tagPattern, counter }: GitJob) {
  yield {
    type: "repository",
    id: repo.id,
    name: repo.id,
    createdAt: await firstCommitDate(dir, repo.head),
    defaultBranch: repo.defaultBranch,
    url: repo.url,
    teamId: team,
  };
  const authors = new Map<string, string>();
  if (range) {
    for await (const c of readCommits(dir, range, { signal: ctx.signal })) {
      if (!authors.has(c.authorId)) authors.set(c.authorId, c.authorName);
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
      };
    }
    ctx.progress({
      source: GIT_SOURCE,
      scope: repo.id,
      stream: "commits",
      done: counter.commits,
      total: counter.commits,
    });
    // Only people not seen before: another source may have given them a team, and a record replaces whole.
    const known = await knownPersonIds(ctx.db, workspaceId, [...authors.keys()]);
    for (const [id, name] of authors) {
      if (!known.has(id)) yield { type: "person", id, name, isBot: isBotAuthor(name, id) || undefined };
    }
    for await (const c of readCommits(dir, range, { firstParent: true, signal: ctx.signal })) {
      const number = pullRequestNumber(c);
      if (number === null) continue;
      const pr = await describePullRequest(dir, c, number);
      yield {
        type: "pull_request",
        repositoryId: repo.id,
        ...pr,
        closedAt: pr.mergedAt,
        baseBranch: repo.defaultBranch,
        url: repo.url && /^https:\/\/github\.com\//.test(repo.url) ? `${repo.url}/pull/${number}` : undefined,
      };
    }
  }
  for (const tag of await readReleaseTags(dir, tagPattern)) {
    yield {
      type: "deployment",
      id: `git:${repo.id}:${tag.name}`,
      repositoryId: repo.id,
      environment: "production",
      status: "success",
      createdAt: tag.taggedAt,
      finishedAt: tag.taggedAt,
      sha: tag.sha,
    };
  }
}

/**
 * Collects one local clone into a workspace: the repository, its commits and
 * authors, pull requests named by merge commits, and release tags as
 * production deployments. Reads only what came after the cursor (the last
 * HEAD stored); the cursor moves once everything is stored without rejection.
 */
export async function collectGitRepository(
  ctx: CollectorContext,
  workspaceId: number,
  target: GitRepositoryTarget,
  tagPattern: RegExp,
): Promise<GitRepositoryResult> {
  const dir = target.path;
  const info = await inspectRepository(dir, "id" in target ? target.id : null);
  if (!info.head) throw new GitError(`${dir}: the repository has no commits yet`, null);
  const repo = { ...info, head: info.head };
  const cursor = await getCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "commits");
  const range = await commitRange(dir, cursor, repo.head);
  const counter = { commits: 0 };
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
      team: "team" in target ? target.team : undefined,
      tagPattern,
      counter,
    }),
  );
  if (summary.rejectedTotal === 0)
    await setCursor(ctx.db, workspaceId, GIT_SOURCE, repo.id, "commits", repo.head, ctx.now());
  return { repositoryId: repo.id, summary, newCommits: counter.commits };
}
