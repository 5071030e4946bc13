/**
 * Which files of a default branch the snapshot lists, and which keep their
 * text. GraphQL cannot filter a tree by name, so the query names them: every
 * entry of the root, the conventional folders (three levels deep, with text)
 * and well-known configuration files at the root (with text).
 */
import { mayShowSignal, readsContent } from "@/lib/maturity/signals/relevance";

/** Folders whose files say how a repository is built, deployed and catalogued. */
export const CONVENTIONAL_FOLDERS = [
  ".github",
  ".circleci",
  ".buildkite",
  ".devcontainer",
  ".backstage",
  "deploy",
  "deployment",
  "deployments",
  "k8s",
  "kubernetes",
  "manifests",
  "helm",
  "chart",
  "charts",
  "infra",
  "infrastructure",
  "terraform",
  "templates",
] as const;

/** Configuration files at the root whose text the maturity assessment reads. */
export const ROOT_CONFIG_FILES = [
  "catalog-info.yaml",
  "catalog-info.yml",
  "template.yaml",
  "Dockerfile",
  "docker-compose.yml",
  "docker-compose.yaml",
  "compose.yaml",
  "vercel.json",
  "netlify.toml",
  "fly.toml",
  "render.yaml",
  "app.yaml",
  "Procfile",
  "Chart.yaml",
  "skaffold.yaml",
  "kustomization.yaml",
  "serverless.yml",
  "Jenkinsfile",
  ".gitlab-ci.yml",
  "azure-pipelines.yml",
  "bitbucket-pipelines.yml",
  "CODEOWNERS",
  "renovate.json",
  "main.tf",
] as const;

/** The largest text kept for one file (spec/events.md). */
export const MAX_CONTENT_BYTES = 64 * 1024;

const CONFIG_EXTENSIONS = new Set([
  "yml",
  "yaml",
  "json",
  "toml",
  "tf",
  "tfvars",
  "hcl",
  "cue",
  "jsonnet",
  "libsonnet",
  "ini",
  "properties",
  "xml",
  "tpl",
]);
const CONFIG_NAMES = new Set([
  "Dockerfile",
  "Jenkinsfile",
  "Procfile",
  "CODEOWNERS",
  "Tiltfile",
  "Makefile",
  "Containerfile",
]);

/** Whether a file's text matters: workflows, manifests and configs, and the dependency lists signals read; not code or prose. */
export function keepsContent(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (readsContent(path)) return true;
  if (CONFIG_NAMES.has(base) || base.startsWith("Dockerfile.")) return true;
  const dot = base.lastIndexOf(".");
  return dot > 0 && CONFIG_EXTENSIONS.has(base.slice(dot + 1).toLowerCase());
}

/** How many path segments deep a file a signal rule reads is still listed. */
const SIGNAL_DEPTH = 6;

/** Folders never worth listing: vendored and generated code carries other projects' configuration. */
const IGNORED_FOLDERS = new Set(["node_modules", "vendor", "third_party", "dist", "build", ".git"]);

/**
 * Whether a file of the default branch's tree belongs in the snapshot, for a
 * collector that can see the whole tree (local git): every file at the root,
 * files in a conventional folder up to three levels below it, and the
 * well-known configuration files anywhere up to three folders down, so a
 * monorepo's `apps/web/fly.toml` or `backend/Dockerfile` is seen, and every
 * file a maturity signal rule can read (lib/maturity/signals/relevance.ts):
 * manifests and scripts three folders down, named files such as
 * `apps/checker/go.mod` or `live/prod/eu-west-1/db/terragrunt.hcl` five. The GitHub query selects the same
 * root and folders by name.
 */
export function inSnapshot(path: string): boolean {
  const segments = path.split("/");
  if (segments.length === 1) return true;
  if (segments.some((s) => IGNORED_FOLDERS.has(s))) return false;
  if ((CONVENTIONAL_FOLDERS as readonly string[]).includes(segments[0]!) && segments.length <= 4) return true;
  const base = segments[segments.length - 1]!;
  const wellKnown = (ROOT_CONFIG_FILES as readonly string[]).includes(base) || base.startsWith("Dockerfile.");
  if (wellKnown && segments.length <= 4) return true;
  const signal = mayShowSignal(path);
  // Manifests and scripts are many: three folders down, like the rest; named files (terragrunt.hcl, go.mod) deeper.
  return signal === "named" ? segments.length <= SIGNAL_DEPTH : signal === "by-extension" && segments.length <= 4;
}
