import { type GitCommit, readCommits } from "./log";
import { mergeSubjectAuthor, mergesLongLivedBranch, pullRequestNumber } from "./pull-requests";

/** A commit that merged a pull request, and whether it reached the default branch through another branch's merge. */
export interface PullRequestCommit {
  commit: GitCommit;
  number: number;
  /**
   * True when the pull request was merged into another branch (dev, develop,
   * next, a local copy of the default branch) that a later merge brought into
   * the default branch: which branch git does not record.
   */
  behindMerge: boolean;
  /** For a merge found in a side: its branch's commits, read with the side (no second `git log` needed). */
  branch?: GitCommit[];
}

/**
 * The pull requests one commit of the default branch's first-parent line
 * merged. Most are that commit itself: a merge "Merge pull request #N from
 * USER/branch" or a squash "Title (#N)". A merge of a long-lived branch
 * ("from OWNER/dev") is a release, not one person's change: the pull requests
 * merged into that branch since the last release are its changes, each at
 * the time it was merged there. So are those behind a merge no pull request
 * made (`git merge dev` run locally, or a local default branch merged with
 * origin's). Such a merge's side (its second parent's history, without what
 * the default branch already held) is read once, in one `git log`.
 *
 * A long-lived branch merge is a fork's pull request instead (from a
 * contributor's `master` or `dev`) when its side holds no pull request and it
 * is not the repository's own branch, or when the numbers its side holds
 * cannot be this repository's (a fork's own squash merges "(#2)" inside
 * pull request #2594).
 */
export async function pullRequestCommits(
  dir: string,
  commit: GitCommit,
  owner: string | null,
  signal?: AbortSignal,
): Promise<PullRequestCommit[]> {
  const number = pullRequestNumber(commit);
  const releaseLike = commit.parents.length >= 2 && (number === null || mergesLongLivedBranch(commit));
  if (!releaseLike) return number === null ? [] : [{ commit, number, behindMerge: false }];
  const side: GitCommit[] = [];
  for await (const c of readCommits(dir, [commit.parents[1]!, `^${commit.parents[0]!}`], { signal })) side.push(c);
  const inner =
    side.length > MAX_SIDE ? firstParentLine(side, commit.parents[1]!) : new Side(side, owner).pullRequests();
  if (number === null) return inner;
  if (inner.length > 0 ? plausible(number, inner) : isOwnBranch(commit, owner)) return inner;
  return [{ commit, number, behindMerge: false }];
}

/**
 * Sides larger than this (an unrelated history merged in, a branch that lived
 * for years) are read along their first-parent line only: telling nested
 * releases and pull requests' insides apart walks the side once per merge.
 */
export const MAX_SIDE = 20_000;

/** The pull requests merged on a side's own first-parent line (a big side's cheap reading). */
function firstParentLine(side: readonly GitCommit[], tip: string): PullRequestCommit[] {
  const bySha = new Map(side.map((c) => [c.sha, c]));
  const found: PullRequestCommit[] = [];
  for (let c = bySha.get(tip); c; c = c.parents[0] === undefined ? undefined : bySha.get(c.parents[0])) {
    const number = pullRequestNumber(c);
    if (number !== null && !(c.parents.length >= 2 && mergesLongLivedBranch(c)))
      found.push({ commit: c, number, behindMerge: true });
  }
  return found;
}

/** Whether a long-lived branch merge names the repository's own branch (or no owner is known to tell a fork by). */
function isOwnBranch(commit: GitCommit, owner: string | null): boolean {
  return owner === null || mergeSubjectAuthor(commit.subject, owner) === null;
}

/**
 * Whether the pull requests inside a release merge can be this repository's:
 * numbered like it (their median at least half the release's own number),
 * not a fork's own #2 and #3 inside pull request #2594.
 */
function plausible(release: number, inner: readonly PullRequestCommit[]): boolean {
  const numbers = inner.map((p) => p.number).sort((a, b) => a - b);
  return numbers[Math.floor(numbers.length / 2)]! * 2 >= release;
}

/** The commits of a release merge's side, as a graph to tell which pull requests it holds. */
class Side {
  private readonly bySha: Map<string, GitCommit>;

  constructor(
    private readonly commits: readonly GitCommit[],
    private readonly owner: string | null,
  ) {
    this.bySha = new Map(commits.map((c) => [c.sha, c]));
  }

  /**
   * Every commit naming a pull request, except nested releases (whose own
   * pull requests are listed themselves) and what lies inside an ordinary
   * pull request's merge (a fork's own squash merges, numbered by the fork).
   */
  pullRequests(): PullRequestCommit[] {
    const merges = this.commits.filter((c) => c.parents.length >= 2 && pullRequestNumber(c) !== null);
    const releases = new Set<string>();
    const inside = new Set<string>();
    const branches = new Map<string, GitCommit[]>();
    for (const m of merges) {
      const own = this.only(m.parents[1]!, m.parents[0]!);
      if (mergesLongLivedBranch(m)) {
        const inner = [...own].flatMap((sha) => {
          const n = pullRequestNumber(this.bySha.get(sha)!);
          return n === null ? [] : [{ commit: this.bySha.get(sha)!, number: n, behindMerge: true }];
        });
        if (inner.length > 0 ? plausible(pullRequestNumber(m)!, inner) : isOwnBranch(m, this.owner)) {
          releases.add(m.sha);
          continue;
        }
      }
      for (const sha of own) inside.add(sha);
      branches.set(
        m.sha,
        [...own].map((sha) => this.bySha.get(sha)!),
      );
    }
    return this.commits.flatMap((c) => {
      const number = pullRequestNumber(c);
      if (number === null || releases.has(c.sha) || inside.has(c.sha)) return [];
      const branch = branches.get(c.sha);
      return [{ commit: c, number, behindMerge: true, ...(branch ? { branch } : {}) }];
    });
  }

  /** The commits of the side reachable from `tip` and not from `base` (both walks stay within the side). */
  private only(tip: string, base: string): Set<string> {
    const excluded = this.reach(base);
    return new Set([...this.reach(tip)].filter((sha) => !excluded.has(sha)));
  }

  private reach(from: string): Set<string> {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length > 0) {
      const sha = stack.pop()!;
      const c = this.bySha.get(sha);
      if (!c || seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...c.parents);
    }
    return seen;
  }
}
