/**
 * Derives a signals-corpus fixture (test/fixtures/signals/*.json) from a bare
 * git directory of a real public repository: the paths the signal rules could
 * look at (and their look-alikes), with text only where a rule reads it. Not
 * the repository: paths of a kind are capped per folder, package.json keeps
 * only its dependency names. A fixture's hand-checked `expected` and `notes`
 * survive regeneration.
 *
 *   npx tsx test/support/signals-corpus.ts GIT_DIR owner/name test/fixtures/signals/NAME.json
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const MAX_TEXT = 64 * 1024;
const PER_FOLDER = 3;

const git = (dir: string, args: string[]) =>
  execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

type Kind = "text" | "path" | "capped" | null;

const NAMES_WITH_TEXT =
  /^(fly\.toml|railway\.(json|toml)|vercel\.json|netlify\.toml|render\.ya?ml|Procfile|app\.ya?ml|Chart\.yaml|kustomization\.ya?ml|skaffold\.ya?ml|catalog-info\.ya?ml|template\.ya?ml|mkdocs\.ya?ml|cookiecutter\.json|copier\.ya?ml|\.copier-answers\.ya?ml|\.cruft\.json|cdk\.json|Pulumi(\.[\w-]+)?\.ya?ml|terragrunt\.hcl|go\.mod|requirements[\w-]*\.txt|pyproject\.toml|(docker-)?compose([.-][\w-]+)?\.ya?ml|podman-compose\.ya?ml|renovate\.json5?|\.renovaterc(\.json5?)?|port\.ya?ml|cortex\.ya?ml|opslevel\.ya?ml|datadog\.ya?ml|dagger\.json|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|Jenkinsfile|CODEOWNERS|schema\.prisma|alembic\.ini|wrangler\.toml|serverless\.ya?ml|devcontainer\.json)$/;
const NAMES_PATH_ONLY =
  /^(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile|[Mm]akefile|GNUmakefile|\.?[Jj]ustfile|Taskfile\.ya?ml|magefile\.go|next\.config\.(js|mjs|cjs|ts)|docusaurus\.config\.(js|mjs|cjs|ts)|drizzle\.config\.(ts|js|mjs)|plopfile\.(js|cjs|mjs|ts)|(postgres|postgresql|mysql|mongo|mongodb|redis)\.(go|ts|js|py|java|kt|rb|rs))$/;

function kindOf(path: string): Kind {
  const segments = path.split("/");
  if (segments.some((s) => s === "node_modules" || s === ".git")) return null;
  const base = segments[segments.length - 1]!;
  if (/(^|-)lock\.ya?ml$|\.lock$|lock\.json$/.test(base)) return segments.length === 1 ? "path" : null;
  if (path.startsWith(".github/")) return /\.ya?ml$/.test(base) || base === "CODEOWNERS" ? "text" : "path";
  if (path.startsWith(".circleci/") || path.startsWith(".buildkite/") || path.startsWith(".tekton/")) return "text";
  if (NAMES_WITH_TEXT.test(base)) return "text";
  if (base === "package.json") return "text";
  if (NAMES_PATH_ONLY.test(base)) return "path";
  if (/\.(tf|tofu|hcl)$/.test(base)) return "text";
  if (/\.ya?ml$/.test(base)) return "text"; // manifests: kind/apiVersion decide
  if (segments.length === 1) return "path";
  if (/\.(md|markdown|mdx|adoc|rst)$/i.test(base)) {
    if (/runbook|playbook|on-?call|incident|operations|checklist|oncall/i.test(path)) return "path";
    return "capped";
  }
  if (/\.(sh|bash|zsh|ps1|mk)$/i.test(base)) return "capped";
  if (/(^|\/)grafana\/|dashboards?\/[^/]+\.json$/i.test(path)) return "capped";
  if (/(^|\/)(migrations\/[^/]+\.(sql|exs)|db\/migrate\/[^/]+\.rb)$/.test(path)) return "capped";
  if (/(^|\/)generators\/[^/]+\/index\.(js|cjs|mjs|ts)$/.test(path)) return "path";
  return null;
}

/** package.json without code: name and dependency names. */
function slimPackage(text: string): string {
  try {
    const pkg = JSON.parse(text) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (pkg.name) out.name = pkg.name;
    for (const k of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
      const deps = pkg[k];
      if (deps && typeof deps === "object")
        out[k] = Object.fromEntries(Object.keys(deps).map((d) => [d, (deps as Record<string, unknown>)[d]]));
    }
    return JSON.stringify(out);
  } catch {
    return text;
  }
}

/** Text a rule reads, without the bulk it does not: package.json's code, pinned hashes, large data files. */
function slim(path: string, text: string): string {
  if (path.endsWith("package.json")) return slimPackage(text);
  if (/requirements[\w-]*\.txt$/.test(path))
    return text
      .split("\n")
      .filter((l) => /^[A-Za-z]/.test(l))
      .map((l) => l.replace(/\s*\\$/, ""))
      .join("\n");
  if (path.endsWith(".json") && text.length > 8192) return `${text.slice(0, 2048)}\n… (cut: data, not configuration)`;
  return text;
}

function main(): void {
  const [dir, name, out] = process.argv.slice(2);
  if (!dir || !name || !out) throw new Error("usage: signals-corpus.ts GIT_DIR owner/name OUT.json");
  const commit = git(dir, ["rev-parse", "HEAD"]).trim();
  const lines = git(dir, ["ls-tree", "-r", "-z", "--long", "HEAD"]).split("\0").filter(Boolean);
  const perFolder = new Map<string, number>();
  const files: { path: string; content?: string }[] = [];
  for (const line of lines) {
    const tab = line.indexOf("\t");
    const [, type, sha, size] = line.slice(0, tab).trim().split(/\s+/);
    const path = line.slice(tab + 1);
    if (type !== "blob") continue;
    const kind = kindOf(path);
    if (kind === null) continue;
    if (kind === "capped") {
      const folder = path.slice(0, path.lastIndexOf("/"));
      const seen = perFolder.get(folder) ?? 0;
      perFolder.set(folder, seen + 1);
      if (seen >= PER_FOLDER) continue;
    }
    if (kind !== "text" || Number(size) > MAX_TEXT) {
      files.push({ path });
      continue;
    }
    const text = git(dir, ["cat-file", "blob", sha!]);
    if (text.includes("\0")) files.push({ path });
    else files.push({ path, content: slim(path, text) });
  }
  const previous = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>) : {};
  const fixture = {
    repository: name,
    commit,
    derived: "git ls-tree of the default branch; paths the signal rules could read, text only where they read it",
    expected: previous.expected ?? {},
    lookAlikes: previous.lookAlikes ?? [],
    files,
  };
  writeFileSync(out, `${JSON.stringify(fixture, null, 1)}\n`);
  process.stdout.write(`${name}: ${files.length} files of ${lines.length}\n`);
}

main();
