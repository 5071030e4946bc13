import { git } from "./git";

/** Tags that look like releases: v1.2, 1.2.3, v10.0.1. */
export const DEFAULT_TAG_PATTERN = "^v?\\d+\\.\\d+(\\.\\d+)?$";

/** A tag of a commit: its name, the commit and when it was made (tagger date, or the commit's date for a lightweight tag). */
export interface GitTag {
  name: string;
  sha: string;
  taggedAt: string;
}

const FORMAT = [
  "%(refname:lstrip=2)",
  "%(objecttype)",
  "%(objectname)",
  "%(*objecttype)",
  "%(*objectname)",
  "%(taggerdate:iso-strict)",
  "%(committerdate:iso-strict)",
].join("%00");

/** The repository's tags whose names match `pattern`, pointing (directly or through an annotated tag) at commits. */
export async function readReleaseTags(dir: string, pattern: RegExp): Promise<GitTag[]> {
  const { stdout } = await git(dir, ["for-each-ref", `--format=${FORMAT}`, "refs/tags"]);
  const tags: GitTag[] = [];
  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    const [name, type, object, peeledType, peeled, taggerDate, committerDate] = line.split("\0");
    if (!name || !pattern.test(name)) continue;
    if (type === "commit" && committerDate) tags.push({ name, sha: object!, taggedAt: committerDate });
    else if (type === "tag" && peeledType === "commit" && taggerDate)
      tags.push({ name, sha: peeled!, taggedAt: taggerDate });
  }
  return tags;
}

/** The names of the repository's tags, for saying what a pattern matching none could have matched. */
export async function tagNames(dir: string): Promise<string[]> {
  const { stdout } = await git(dir, [
    "for-each-ref",
    "--format=%(refname:lstrip=2)",
    "--sort=refname",
    "--sort=-creatordate",
    "refs/tags",
  ]);
  return stdout.split("\n").filter(Boolean);
}

/**
 * Why no deployment was recorded from tags: "no tag matches --tag-pattern
 * ^v\d+$ (the repository has 3 tags, e.g. release-2026-03-01, 2.0); so no
 * deployments were recorded", or that it has no tags at all.
 */
export function noTagMatches(pattern: RegExp, names: readonly string[]): string {
  const examples = names.slice(0, 3).join(", ");
  const tags =
    names.length === 0
      ? "the repository has no tags"
      : `the repository has ${names.length} tag${names.length === 1 ? "" : "s"}, the newest ${examples}`;
  return `no tag matches --tag-pattern ${pattern.source} (${tags}), so no deployments were recorded`;
}

/**
 * Where a tag can be seen on the origin's host, when it is one whose URL
 * scheme is known (GitHub, GitLab, Bitbucket); undefined otherwise.
 */
export function tagUrl(repositoryUrl: string | null, tag: string): string | undefined {
  if (!repositoryUrl) return undefined;
  const host = new URL(repositoryUrl).host;
  const name = tag.split("/").map(encodeURIComponent).join("/");
  if (host === "github.com") return `${repositoryUrl}/releases/tag/${name}`;
  if (host === "gitlab.com") return `${repositoryUrl}/-/tags/${name}`;
  if (host === "bitbucket.org") return `${repositoryUrl}/src/${name}`;
  return undefined;
}
