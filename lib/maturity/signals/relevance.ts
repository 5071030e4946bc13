/**
 * Which files a signal rule can read: what a collector that sees the whole
 * tree (local git) must put in a `repository_files` snapshot so that every
 * rule of this folder has its input, at any depth of a monorepo
 * (`apps/checker/fly.toml`, `apps/checker/go.mod`, `docs/adr/…`,
 * `live/prod/eu-west-1/db/terragrunt.hcl`). Kept next to the rules, and
 * checked against them over the real-repository corpus: a path that shows a
 * signal there is a path this says may.
 */
import { baseName, directories, isDocument, pathScope } from "./paths";

const NAMES =
  /^(Dockerfile(\.[\w.-]+)?|[\w.-]+\.Dockerfile|Containerfile|GNUmakefile|[Mm]akefile|\.?[Jj]ustfile|Taskfile\.ya?ml|terragrunt\.hcl|Pulumi(\.[\w-]+)?\.ya?ml|Chart\.yaml|kustomization\.ya?ml|catalog-info\.ya?ml|mkdocs\.ya?ml|copier\.ya?ml|\.copier-answers\.ya?ml|magefile\.go|Jenkinsfile|Procfile|CODEOWNERS|package\.json|go\.mod|requirements[\w-]*\.txt|pyproject\.toml|(next|docusaurus|drizzle)\.config\.(js|mjs|cjs|ts)|plopfile\.(js|cjs|mjs|ts)|schema\.prisma|alembic\.ini|cdk\.json|cookiecutter\.json|\.cruft\.json|dagger\.json|fly\.toml|railway\.(json|toml)|vercel\.json|netlify\.toml|heroku\.yml|renovate\.json5?|\.renovaterc(\.json5?)?|(postgres|postgresql|mysql|mongo|mongodb|redis)\.(go|ts|js|py|java|kt|rb|rs))$/;
const EXTENSIONS = /\.(ya?ml|tf|tf\.json|tofu|hcl|sh|bash|zsh|ps1|mk)$/i;
const IN_FOLDERS =
  /(^|\/)(migrations\/[^/]+\.(sql|exs)|db\/migrate\/[^/]+\.rb|generators\/[^/]+\/index\.(js|cjs|mjs|ts)|\.vercel\/project\.json)$/;
const OPERATIONS = /runbook|playbook|on-?call|incident-response|release-checklist|operations/i;
const DOC_ROOTS = new Set(["docs", "doc", "adr", "adrs"]);

/**
 * Whether some signal rule can read this path, and how it knows: by the
 * file's name or folder ("named": few per repository), or only by its
 * extension ("by-extension": YAML manifests, Terraform, scripts, which are
 * many); false when no rule can (vendored, published, example and test files
 * cannot show a signal).
 */
export function mayShowSignal(path: string): "named" | "by-extension" | false {
  const scope = pathScope(path);
  if (isDocument(path)) {
    if (scope !== "own" && scope !== "docs") return false;
    return DOC_ROOTS.has(directories(path)[0] ?? "") || OPERATIONS.test(path) ? "named" : false;
  }
  if (scope === "docs" && baseName(path) === "CODEOWNERS") return "named";
  if (scope !== "own") return false;
  if (NAMES.test(baseName(path)) || IN_FOLDERS.test(path)) return "named";
  return EXTENSIONS.test(path) ? "by-extension" : false;
}

/** Files whose text a rule reads though their extension says code or prose: dependency lists. */
export function readsContent(path: string): boolean {
  return /^(go\.mod|requirements[\w-]*\.txt)$/.test(baseName(path));
}
