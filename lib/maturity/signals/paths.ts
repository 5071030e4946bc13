/**
 * Small readers of paths and file contents shared by the detectors. Contents
 * are matched line by line on top-level keys, not parsed: Helm templates are
 * not valid YAML, and a detector must not fail on them.
 */

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The directory segments of a path, lower case. */
export function directories(path: string): string[] {
  return path.toLowerCase().split("/").slice(0, -1);
}

/** A path without a leading `./` or `/`. */
export function normalisePath(path: string): string {
  return path.replace(/^(\.\/|\/)+/, "");
}

export const isYaml = (path: string): boolean => /\.ya?ml$/i.test(path);

/** Documentation by its extension (Markdown, AsciiDoc, reStructuredText). */
export const isDocument = (path: string): boolean => /\.(md|markdown|mdx|adoc|asciidoc|rst)$/i.test(path);

/**
 * Where a file sits decides whether it can be the team's own practice. The
 * one place that says which folders do not count, and why (SIGNALS.md):
 * - "foreign": vendored code, another project's files, or a template that
 *   generates other repositories (its CI is not this repository's CI);
 * - "published": what the product publishes: blog and changelog content,
 *   web assets (`public/assets/posts/…/railway.json` is a blog attachment);
 * - "example": examples, samples, tests and their fixtures, and the
 *   developer's own environment (`.devcontainer/Dockerfile` is not a
 *   workload);
 * - "docs": documentation folders: prose for runbooks and docs, but a
 *   Dockerfile or a fly.toml there is an illustration, not configuration;
 * - "own": everything else.
 */
export type PathScope = "foreign" | "published" | "example" | "docs" | "own";

const FOREIGN_DIRS = new Set(["node_modules", "vendor", "third_party", "third-party", "bower_components", "skeleton"]);
const PUBLISHED_DIRS = new Set(["content", "blog", "posts", "changelog", "changelogs", "public", "assets", "static"]);
const EXAMPLE_DIRS = new Set([
  "examples",
  "example",
  "samples",
  "sample",
  "demo",
  "demos",
  "test",
  "tests",
  "__tests__",
  "e2e",
  "cypress",
  "testdata",
  "fixtures",
  "__fixtures__",
  "mocks",
  "__mocks__",
  ".devcontainer",
]);
const DOCS_DIRS = new Set(["docs", "doc", "documentation", "website", "site"]);

export function pathScope(path: string): PathScope {
  const dirs = directories(path);
  if (path.includes("{{") || /\.(jinja2?|j2|tmpl|hbs|ejs)$/i.test(path) || dirs.some((d) => FOREIGN_DIRS.has(d)))
    return "foreign";
  if (dirs.some((d) => PUBLISHED_DIRS.has(d))) return "published";
  if (dirs.some((d) => EXAMPLE_DIRS.has(d))) return "example";
  if (dirs.some((d) => DOCS_DIRS.has(d))) return "docs";
  return "own";
}

/** A file that is vendored, or part of a template that generates other repositories, is not the repository's own practice. */
export function isForeignPath(path: string): boolean {
  return pathScope(path) === "foreign";
}

/** The values of a top-level `key:` line in any YAML document of the content (`kind`, `apiVersion`). */
export function topLevelValues(content: string, key: string): string[] {
  const re = new RegExp(`^${key}:[ \\t]*["']?([^"'\\s#]+)`, "gm");
  return [...content.matchAll(re)].map((m) => m[1]!);
}

/** Whether the content has a Kubernetes-style `kind:` among `kinds` (any YAML document). */
export function hasKind(content: string | undefined, kinds: readonly string[]): boolean {
  return content !== undefined && topLevelValues(content, "kind").some((k) => kinds.includes(k));
}

/** The first `apiVersion:` group matching `re`, e.g. `argoproj.io/v1alpha1`. */
export function apiVersionMatching(content: string | undefined, re: RegExp): string | null {
  if (content === undefined) return null;
  return topLevelValues(content, "apiVersion").find((v) => re.test(v)) ?? null;
}

/** A JSON file's object, or null when it does not parse. */
export function parseJsonObject(content: string | undefined): Record<string, unknown> | null {
  if (content === undefined) return null;
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** The dependency names of a package.json (all dependency kinds). */
export function packageDependencies(content: string | undefined): string[] {
  const pkg = parseJsonObject(content);
  if (!pkg) return [];
  const kinds = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
  return kinds.flatMap((k) => (typeof pkg[k] === "object" && pkg[k] !== null ? Object.keys(pkg[k] as object) : []));
}

/**
 * YAML without its comments: a commented-out deploy step deploys nothing.
 * Drops whole-line comments and ` # …` tails (a `#` inside a word or
 * `\${{ }}` stays).
 */
export function withoutComments(content: string): string {
  return content
    .split("\n")
    .filter((l) => !/^\s*#/.test(l))
    .map((l) => l.replace(/\s+#(?![^"']*["'][^"']*$).*$/, ""))
    .join("\n");
}

/** Whether a path is a GitHub Actions workflow. */
export const isGithubWorkflow = (path: string): boolean => /^\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
