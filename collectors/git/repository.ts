import { statSync } from "node:fs";
import path from "node:path";
import { git, GitError } from "./git";

/** What the collector needs to know about a local clone before reading its history. */
export interface RepositoryInfo {
  /** The event-format repository id: `--repository-id`, else `owner/name` from origin, else the folder name. */
  id: string;
  /** The default branch: `--branch`, else origin/HEAD's, else a local main or master; null when none can be told. */
  defaultBranch: string | null;
  /** The commit the default branch points at (never simply what is checked out); null without commits. */
  head: string | null;
  /** Why the default branch is a guess, for the run's summary; null when it was told. */
  warning: string | null;
  /** The web address derived from origin, without credentials; null when unknown. */
  url: string | null;
}

/**
 * `owner/name` and a credential-free web address from a remote URL:
 * `git@host:owner/name.git`, `ssh://git@host/owner/name`, `https://user:token@host/owner/name.git`.
 * Only the last two path segments are kept, so a token in the URL never reaches the store.
 */
export function parseRemote(remote: string): { id: string; url: string } | null {
  const text = remote.trim();
  let host: string;
  let pathname: string;
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(text);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const u = new URL(text);
      host = u.host;
      pathname = u.pathname;
    } catch {
      return null;
    }
  } else if (scp) {
    host = scp[1]!;
    pathname = scp[2]!;
  } else {
    return null;
  }
  const segments = pathname
    .replace(/\.git\/?$/, "")
    .split("/")
    .filter(Boolean);
  if (segments.length < 2 || !host) return null;
  const id = segments.slice(-2).join("/");
  return { id, url: `https://${host.replace(/:\d+$/, "")}/${segments.join("/")}` };
}

/** Reads the default branch, its head commit and origin; fails clearly when `dir` is not a git repository. */
export async function inspectRepository(
  dir: string,
  explicitId?: string | null,
  explicitBranch?: string | null,
): Promise<RepositoryInfo> {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new GitError(`${dir}: no such folder`, null);
  if (!stat.isDirectory()) throw new GitError(`${dir} is not a folder (give the path of a git clone)`, null);
  await git(dir, ["rev-parse", "--git-dir"]).catch((error: unknown) => {
    throw error instanceof GitError && /not a git repository/i.test(error.message)
      ? new GitError(`${dir} is not a git repository`, error.exitCode)
      : error;
  });
  const origin = await git(dir, ["config", "--get", "remote.origin.url"], { allowExit: [1] });
  const remote = origin.code === 0 ? parseRemote(origin.stdout) : null;
  const folder = path.basename(path.resolve(dir)).replace(/\.git$/, "");
  const { branch, ref, warning } = await defaultBranchOf(dir, explicitBranch ?? null);
  const head = await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { allowExit: [1] });
  return {
    id: explicitId || remote?.id || folder,
    defaultBranch: branch,
    head: head.code === 0 ? head.stdout.trim() || null : null,
    url: remote?.url ?? null,
    warning,
  };
}

async function refExists(dir: string, ref: string): Promise<boolean> {
  return (await git(dir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], { allowExit: [1] })).code === 0;
}

/**
 * Which branch is the default, and the ref to read it from. A clone's
 * checked-out branch may be any feature or release branch, so it is the last
 * resort and said so: `--branch` first (origin's copy when the clone has one),
 * then origin/HEAD, then a local main or master.
 */
async function defaultBranchOf(
  dir: string,
  explicit: string | null,
): Promise<{ branch: string | null; ref: string; warning: string | null }> {
  if (explicit) {
    for (const ref of [`refs/remotes/origin/${explicit}`, `refs/heads/${explicit}`])
      if (await refExists(dir, ref)) return { branch: explicit, ref, warning: null };
    throw new GitError(`${dir}: --branch ${explicit}: no such branch (locally or on origin)`, null);
  }
  const originHead = await git(dir, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"], { allowExit: [1, 128] });
  const target = originHead.code === 0 ? originHead.stdout.trim() : "";
  if (target.startsWith("refs/remotes/origin/"))
    return { branch: target.slice("refs/remotes/origin/".length), ref: target, warning: null };
  for (const name of ["main", "master"])
    if (await refExists(dir, `refs/heads/${name}`)) return { branch: name, ref: `refs/heads/${name}`, warning: null };
  const current = await git(dir, ["symbolic-ref", "--quiet", "--short", "HEAD"], { allowExit: [1] });
  const name = current.code === 0 ? current.stdout.trim() : "";
  const why = "the default branch cannot be told (no origin/HEAD, no main or master; pass --branch)";
  return name
    ? { branch: name, ref: "HEAD", warning: `${why}: read the checked-out branch ${name}` }
    : { branch: null, ref: "HEAD", warning: `${why}: read the detached HEAD and stored no default branch` };
}

/** The authored date of the repository's first commit (the earliest root commit), as git prints it. */
export async function firstCommitDate(dir: string, head: string): Promise<string> {
  const { stdout } = await git(dir, ["log", "--max-parents=0", "--format=%aI", head, "--"]);
  const dates = stdout.split("\n").filter(Boolean);
  return dates.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

/** Whether `ancestor` is still in the history of `head` (false after a force-push rewrote it). */
export async function isAncestor(dir: string, ancestor: string, head: string): Promise<boolean> {
  const result = await git(dir, ["merge-base", "--is-ancestor", ancestor, head], { allowExit: [1, 128] });
  return result.code === 0;
}

/**
 * The commits reachable from `before` (what an earlier run read) and not from
 * `head`: what only the branch read before held. Null when `before` is no
 * longer in the clone (its branch deleted and pruned), so it cannot be told.
 */
export async function commitsOnlyIn(dir: string, before: string, head: string): Promise<string[] | null> {
  const known = await git(dir, ["cat-file", "-e", `${before}^{commit}`], { allowExit: [1, 128] });
  if (known.code !== 0) return null;
  const { stdout } = await git(dir, ["rev-list", before, `^${head}`, "--"]);
  return stdout.split("\n").filter(Boolean);
}
