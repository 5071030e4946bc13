import { git } from "./git";
import type { GitCommit } from "./log";
import { personIdOf } from "./people";

/** A pull request git can see: a merge or squash commit on the branch naming its number. */
export interface GitPullRequest {
  number: number;
  authorId: string;
  createdAt: string;
  firstCommitAt: string | null;
  mergedAt: string;
  mergeCommitSha: string;
}

const MERGE = /^Merge pull request #(\d+) from \S/;
const SQUASH = /\(#(\d+)\)$/;

/**
 * The pull request number a commit of the branch's first-parent history names:
 * GitHub's merge commit ("Merge pull request #12 from owner/branch", two
 * parents) or its squash and rebase-merge convention ("Title (#12)", one parent).
 */
export function pullRequestNumber(commit: GitCommit): number | null {
  const merge = commit.parents.length >= 2 ? MERGE.exec(commit.subject) : null;
  const squash = commit.parents.length === 1 ? SQUASH.exec(commit.subject.trim()) : null;
  const n = Number((merge ?? squash)?.[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * The pull request of a merge or squash commit. For a merge, the branch's
 * commits are those of the second parent not in the first; the earliest
 * authored one gives `firstCommitAt` and the author. Git has no pull request
 * creation time, so `createdAt` is that first commit's time (never after the
 * merge); for a squash commit, the commit itself.
 */
export async function describePullRequest(dir: string, commit: GitCommit, number: number): Promise<GitPullRequest> {
  let first: { at: string; authorId: string } | null = null;
  if (commit.parents.length >= 2) {
    const [base, branch] = commit.parents;
    const { stdout } = await git(dir, [
      "log",
      "-z",
      "--use-mailmap",
      "--format=%aN%x00%aE%x00%aI",
      `${base}..${branch}`,
      "--",
    ]);
    const fields = stdout.split("\0");
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const at = fields[i + 2]!;
      if (!first || Date.parse(at) < Date.parse(first.at))
        first = { at, authorId: personIdOf(fields[i]!, fields[i + 1]!) };
    }
  } else {
    first = { at: commit.authoredAt, authorId: commit.authorId };
  }
  return {
    number,
    authorId: first?.authorId ?? commit.authorId,
    createdAt: first ? earlier(first.at, commit.committedAt) : commit.committedAt,
    firstCommitAt: first?.at ?? null,
    mergedAt: commit.committedAt,
    mergeCommitSha: commit.sha,
  };
}
