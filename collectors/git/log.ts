import { gitRecords } from "./git";
import { personIdOf } from "./people";

/** One commit as `git log` reports it, after .mailmap. Dates are git's strict ISO 8601 (RFC 3339). */
export interface GitCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  authorId: string;
  authoredAt: string;
  committedAt: string;
  subject: string;
}

// %aN/%aE are the mailmapped name and email; --use-mailmap makes that explicit.
const FORMAT = ["%H", "%P", "%aN", "%aE", "%aI", "%cI", "%s"].join("%x00");

/**
 * Streams the commits of `range` (e.g. `HEAD`, or `CURSOR..HEAD` on an
 * incremental run, or revisions such as `[tip, "^base"]`), newest first.
 * `firstParent` follows only the first parent, i.e. what was merged into the
 * branch itself.
 */
export async function* readCommits(
  cwd: string,
  range: string | readonly string[],
  options: { firstParent?: boolean; signal?: AbortSignal } = {},
): AsyncGenerator<GitCommit> {
  const args = [
    "log",
    "-z",
    "--use-mailmap",
    `--format=${FORMAT}`,
    ...(options.firstParent ? ["--first-parent"] : []),
    ...(typeof range === "string" ? [range] : range),
    "--",
  ];
  for await (const [sha, parents, authorName, authorEmail, authoredAt, committedAt, subject] of gitRecords(
    cwd,
    args,
    7,
    options.signal,
  )) {
    yield {
      sha: sha!,
      parents: parents ? parents.split(" ") : [],
      authorName: authorName!,
      authorEmail: authorEmail!,
      authorId: personIdOf(authorName!, authorEmail!),
      authoredAt: authoredAt!,
      committedAt: committedAt!,
      subject: subject!,
    };
  }
}
