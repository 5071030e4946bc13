import { git } from "./git";
import type { GitCommit } from "./log";
import { isBotAuthor, personIdOf } from "./people";

/** A pull request git can see: a merge or squash commit on the branch naming its number. */
export interface GitPullRequest {
  number: number;
  authorId: string;
  /**
   * When the merge subject names a login and every commit of the branch is
   * by one other id: that id, which is the same person as the login.
   */
  sameAuthorAs: string | null;
  createdAt: string;
  firstCommitAt: string | null;
  mergedAt: string;
  mergeCommitSha: string;
}

const MERGE = /^Merge pull request #(\d+) from \S/;
/** "Merge pull request #12 from USER/branch": the login that opened it and the branch merged. */
const MERGE_FROM = /^Merge pull request #\d+ from ([A-Za-z0-9-]+)\/(\S+)/;
/** Branches that live on and are merged as releases, not changes: dev, develop, staging, release/*, main, master. */
const LONG_LIVED = /^(dev|develop|development|staging|main|master|trunk|release|releases)([/-].*)?$/;

/**
 * Whether a merge commit brings in a long-lived branch (a dev → master
 * release of hundreds of commits), which is a release rather than one
 * person's change, so no pull request is made of it.
 */
export function mergesLongLivedBranch(commit: GitCommit): boolean {
  const from = MERGE_FROM.exec(commit.subject);
  return from !== null && LONG_LIVED.test(from[2]!);
}

/**
 * The author GitHub recorded in a merge subject, as a person id; null when
 * the subject names none, or names the repository's owner (a branch of the
 * repository itself, not a fork: the owner is an organisation, not a person).
 */
export function mergeSubjectAuthor(subject: string, owner: string | null): string | null {
  const from = MERGE_FROM.exec(subject);
  if (!from) return null;
  const login = from[1]!.toLowerCase();
  return owner && login === owner.toLowerCase() ? null : login;
}
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

/**
 * Whether a squash commit's author date is the merge time: GitHub writes the
 * squash commit when the pull request is merged and dates its author then
 * (2,796 of DevLake's 2,805 squash merges), so when coding started is unknown
 * from git. Such a pull request gets no `firstCommitAt`, and `createdAt` =
 * `mergedAt` says that its coding time is unknown (collecting from GitHub fills it).
 */
export function codingTimeLost(commit: GitCommit): boolean {
  return (
    commit.parents.length === 1 &&
    Math.floor(Date.parse(commit.authoredAt) / 1000) === Math.floor(Date.parse(commit.committedAt) / 1000)
  );
}

const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * The pull request of a merge or squash commit. For a merge, the branch's
 * commits are those of the second parent not in the first; the earliest
 * authored one gives `firstCommitAt`, and the author unless the merge
 * subject names the login that opened it. Git has no pull request
 * creation time, so `createdAt` is that first commit's time (never after the
 * merge); for a squash commit, the commit itself, unless its author date is
 * the merge time ({@link codingTimeLost}): then no first commit is known.
 * `branchCommits`, when the caller read them already (a side of a release
 * merge), spares the `git log` of the branch.
 */
export async function describePullRequest(
  dir: string,
  commit: GitCommit,
  number: number,
  owner: string | null,
  branchCommits?: readonly GitCommit[],
): Promise<GitPullRequest> {
  let first: { at: string; authorId: string } | null = null;
  const branchAuthors = new Set<string>();
  const consider = (name: string, authorId: string, at: string) => {
    if (!isBotAuthor(name, authorId)) branchAuthors.add(authorId);
    if (!first || Date.parse(at) < Date.parse(first.at)) first = { at, authorId };
  };
  if (commit.parents.length >= 2 && branchCommits) {
    for (const c of branchCommits) consider(c.authorName, c.authorId, c.authoredAt);
  } else if (commit.parents.length >= 2) {
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
    for (let i = 0; i + 2 < fields.length; i += 3)
      consider(fields[i]!, personIdOf(fields[i]!, fields[i + 1]!), fields[i + 2]!);
  } else if (!codingTimeLost(commit)) {
    first = { at: commit.authoredAt, authorId: commit.authorId };
  }
  const login = mergeSubjectAuthor(commit.subject, owner);
  const only = branchAuthors.size === 1 ? [...branchAuthors][0]! : null;
  const earliest = first as { at: string; authorId: string } | null;
  return {
    number,
    authorId: login ?? earliest?.authorId ?? commit.authorId,
    sameAuthorAs: login && only && only !== login ? only : null,
    createdAt: earliest ? earlier(earliest.at, commit.committedAt) : commit.committedAt,
    firstCommitAt: earliest?.at ?? null,
    mergedAt: commit.committedAt,
    mergeCommitSha: commit.sha,
  };
}
