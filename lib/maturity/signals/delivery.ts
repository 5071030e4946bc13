/**
 * Signals of how code is built and shipped: scripts, CI pipelines, shared CI
 * templates, continuous deployment and automated dependency updates.
 */
import { baseName, isGithubWorkflow, withoutComments } from "./paths";
import type { FileDetector, FileSignal } from "./types";

const shellScripts: FileDetector = (_file, path) => {
  if (/\.(sh|bash|zsh)$/i.test(path)) return "shell script";
  if (/\.ps1$/i.test(path)) return "PowerShell script";
  return null;
};

const taskRunner: FileDetector = (_file, path) => {
  const name = baseName(path);
  if (/^(GNUmakefile|[Mm]akefile)$/.test(name) || /\.mk$/.test(name)) return "Make";
  if (/^\.?[Jj]ustfile$/.test(name)) return "just";
  if (/^Taskfile\.ya?ml$/.test(name)) return "Task";
  if (name === "magefile.go") return "Mage";
  return null;
};

const CI_FILES: [RegExp, string][] = [
  [/^\.gitlab-ci\.ya?ml$/, "GitLab CI"],
  [/^(.*\/)?Jenkinsfile$/, "Jenkins"],
  [/^\.circleci\/config\.ya?ml$/, "CircleCI"],
  [/^azure-pipelines\.ya?ml$/, "Azure Pipelines"],
  [/^\.buildkite\/[^/]*pipeline[^/]*\.ya?ml$/, "Buildkite"],
  [/^bitbucket-pipelines\.ya?ml$/, "Bitbucket Pipelines"],
  [/^\.drone\.ya?ml$/, "Drone"],
  [/^dagger\.json$/, "Dagger"],
  [/^\.tekton\/[^/]+\.ya?ml$/, "Tekton"],
];

/**
 * Steps that build, test, package or ship the code. A workflow that only
 * lints, formats, labels, scans or closes stale issues is housekeeping, not
 * scripted delivery (`black.yml`, `prettier.yaml`).
 */
const AT_COMMAND = String.raw`(?:^[ \t]*(?:-[ \t]+)?(?:run:[ \t]*[|>]?[-+]?[ \t]*)?|&&[ \t]*|;[ \t]*|\|\|[ \t]*)`;
const BUILD_STEPS: readonly RegExp[] = [
  /\b(?:npm|pnpm|yarn|bun|npx)(?:[ \t]+run)?[ \t]+(?:[\w@/.=-]+[ \t]+)*?(?:build|test|dist|package|publish)(?:[:\w-]*)(?=\s|$)/m,
  /\bturbo(?:\s+run)?\s+(?:build|test)\b/,
  /\b(?:go|cargo|bazel)\s+(?:build|test|install)\b/,
  /\b(?:mvn|mvnw|\.\/mvnw)\s|\b(?:gradle|gradlew|\.\/gradlew)\s+\S*(?:build|assemble|test|publish)/,
  /\bdotnet\s+(?:build|test|publish)\b|\bpython\s+-m\s+(?:build|pytest)\b|\bpytest\b|\btox\b/,
  /\bdocker(?:\s+buildx)?\s+(?:build|push)\b|\bdocker\s+compose\s+build\b|\bheroku\s+container:push\b/,
  /\b(?:skaffold\s+(?:build|run)|goreleaser|ko\s+build|gcloud\s+builds\s+submit|helm\s+(?:package|push))\b/,
  new RegExp(`${AT_COMMAND}(?:make|just|task|mage)(?:\\s|$)`, "m"),
  new RegExp(`${AT_COMMAND}(?:bash\\s+|sh\\s+)?\\.?\\/?[\\w./-]+\\.sh\\b`, "m"),
  /\buses:\s*["']?(?:docker\/build-push-action|depot\/build-push-action|[\w.-]+\/docker-build-push|goreleaser\/goreleaser-action)/,
];

/** A called reusable workflow (`uses: org/repo/.github/workflows/NAME.yml@v1`), by its name. */
const CALLED_WORKFLOW_NAME = /\buses:\s*["']?(?:[\w.-]+\/[\w.-]+|\.)\/\.github\/workflows\/([\w.-]+?)\.ya?ml/g;

/** A workflow's commands, without step names and descriptions ("name: make sure…"). */
const commands = (text: string) =>
  text
    .split("\n")
    .filter((l) => !/^\s*-?\s*(name|description):/.test(l))
    .join("\n");

/** Without its text, only a workflow named for delivery counts. */
const DELIVERY_NAME = /(^|[-_.])(build|ci|cd|deploy|release|publish|delivery|docker|image|ship|test)s?([-_.]|$)/i;

/** Whether a workflow builds, tests or ships (with its text), or is named so (without). */
export function workflowDelivers(content: string | undefined, path: string): boolean {
  if (content === undefined) return DELIVERY_NAME.test(baseName(path).replace(/\.ya?ml$/i, ""));
  const text = commands(withoutComments(content));
  // A called workflow counts when its name says delivery (service-ci, build-images), not first-time-pr or scorecard.
  const callsDelivery = [...text.matchAll(CALLED_WORKFLOW_NAME)].some((m) => DELIVERY_NAME.test(m[1]!));
  return (
    BUILD_STEPS.some((re) => re.test(text)) || callsDelivery || DEPLOY_COMMAND.test(text) || DEPLOY_ACTION.test(text)
  );
}

const ciPipeline: FileDetector = (file, path) => {
  if (isGithubWorkflow(path)) return workflowDelivers(file.content, path) ? "GitHub Actions" : null;
  return CI_FILES.find(([re]) => re.test(path))?.[1] ?? null;
};

// `on: workflow_call`, `on: [workflow_call]` or a `workflow_call:` key under `on:`.
const WORKFLOW_CALL = /^on:[ \t]*\[?[^\n#]*\bworkflow_call\b|^[ \t]+workflow_call[ \t]*:/m;

const reusableWorkflow: FileDetector = (file, path) =>
  isGithubWorkflow(path) && file.content !== undefined && WORKFLOW_CALL.test(file.content)
    ? "GitHub Actions reusable workflow"
    : null;

const CALLED_WORKFLOW = /^[ \t]+uses:[ \t]*["']?([\w.-]+\/[\w.-]+\/\.github\/workflows\/[^@\s"']+@[^\s"']+)/m;
const STEP_ACTION = /^[ \t]+(?:-[ \t]+)?uses:[ \t]*["']?([\w.-]+)\/([\w.-]+)[^@\s"']*@/gm;

const sharedCiCaller: FileDetector = (file, path, repository) => {
  const content = file.content;
  if (content === undefined) return null;
  if (isGithubWorkflow(path)) {
    const called = CALLED_WORKFLOW.exec(content);
    if (called) return `calls ${called[1]}`;
    // An action of the organisation's own (not actions/checkout): a shared CI building block.
    for (const m of content.matchAll(STEP_ACTION)) {
      if (repository.owner !== null && m[1]!.toLowerCase() === repository.owner) return `uses ${m[1]}/${m[2]}`;
    }
    return null;
  }
  if (
    /^\.gitlab-ci\.ya?ml$/.test(path) &&
    /^include:/m.test(content) &&
    /^\s+(-\s+)?(project|remote|component|template):/m.test(content)
  )
    return "GitLab CI include";
  if (/^\.circleci\/config\.ya?ml$/.test(path) && /^orbs:/m.test(content)) return "CircleCI orbs";
  return null;
};

const PUSH_TRIGGER = /^on:[ \t]*\[?[^\n#]*\bpush\b|^[ \t]+push[ \t]*:/m;
/** A push trigger that only fires on tags is a release, not a merge. */
const PUSH_TAGS_ONLY = /^[ \t]+push[ \t]*:[ \t]*\n(?:[ \t]{3,}\S[^\n]*\n)*?[ \t]+tags[ \t]*:/m;
const PUSH_BRANCHES = /^[ \t]+push[ \t]*:[ \t]*\n(?:[ \t]{3,}\S[^\n]*\n)*?[ \t]+(branches|paths)[ \t]*:/m;

/** Commands that deploy, and the platform each means when it names one (`flyctl deploy` is Fly.io). */
export const DEPLOY_COMMANDS: readonly [RegExp, string | null][] = [
  [/\bfly(?:ctl)?\s+deploy\b/, "Fly.io"],
  [/\bvercel\s+(?:deploy|--prod|build)\b|\bvercel\s+.*--prod\b/, "Vercel"],
  [/\brailway\s+(?:up|redeploy)\b/, "Railway"],
  [/\brender\s+deploys?\s+create\b|api\.render\.com\/deploy\//, "Render"],
  [/\bnetlify\s+deploy\b/, "Netlify"],
  [/\bheroku\s+container:release\b|\bgit\s+push\s+(?:-\S+\s+)*heroku\b|\bheroku\s+(?:releases|deploy)\b/, "Heroku"],
  [
    /\b(?:helm\s+(?:upgrade|install)|kubectl\s+(?:apply|rollout|set\s+image)|argocd\s+app\s+sync|argocd-(?:sync|wait)|terraform\s+apply|aws\s+ecs\s+update-service|gcloud\s+run\s+deploy|gcloud\s+app\s+deploy|skaffold\s+(?:run|deploy)|kustomize\s+edit\s+set\s+image|wrangler\s+(?:deploy|publish|pages\s+deploy)|serverless\s+deploy|sls\s+deploy|cdk\s+deploy|pulumi\s+up)\b/,
    null,
  ],
];

/** Actions that deploy, and the platform each means. */
export const DEPLOY_ACTIONS: readonly [RegExp, string | null][] = [
  [/\buses:\s*["']?superfly\/fly-pr-review-apps/, "Fly.io"],
  [/\buses:\s*["']?(?:amondnet\/vercel-action|vercel\/[\w.-]*deploy)/, "Vercel"],
  [/\buses:\s*["']?(?:railwayapp|bervproject\/railway-deploy)\//, "Railway"],
  [/\buses:\s*["']?(?:nwtgck\/actions-netlify|netlify\/actions)/, "Netlify"],
  [/\buses:\s*["']?akhileshns\/heroku-deploy/, "Heroku"],
  [/\buses:\s*["']?(?:johnbeynon\/render-deploy-action|render-oss\/)/, "Render"],
  [
    /\buses:\s*["']?(?:aws-actions\/amazon-ecs-deploy-task-definition|google-github-actions\/deploy-(?:cloudrun|appengine)|azure\/(?:webapps-deploy|k8s-deploy|functions-action)|cloudflare\/wrangler-action|azure\/static-web-apps-deploy)/,
    null,
  ],
];

/** Setting up a platform's CLI names the platform, but deploys nothing by itself (openstatus restarts Fly machines on a schedule). */
const PLATFORM_SETUP: readonly [RegExp, string][] = [
  [/\buses:\s*["']?superfly\/flyctl-actions/, "Fly.io"],
  [/\bnpm\s+(?:i|install)\s+(?:-g\s+|--global\s+)?vercel\b/, "Vercel"],
  [/\bnpm\s+(?:i|install)\s+(?:-g\s+|--global\s+)?@railway\/cli\b/, "Railway"],
  [/\bcli-assets\.heroku\.com\b/, "Heroku"],
];

const DEPLOY_COMMAND = new RegExp(DEPLOY_COMMANDS.map(([re]) => re.source).join("|"));
const DEPLOY_ACTION = new RegExp(DEPLOY_ACTIONS.map(([re]) => re.source).join("|"));
const CALLS_DEPLOY_WORKFLOW = /^[ \t]+uses:[ \t]*\S*\/\.github\/workflows\/[^@\s]*deploy[^@\s]*@/m;

/** The managed platforms a workflow deploys to (`flyctl deploy` → Fly.io). */
export function workflowPlatforms(content: string): string[] {
  const text = withoutComments(content);
  const named = [...DEPLOY_COMMANDS, ...DEPLOY_ACTIONS, ...PLATFORM_SETUP].filter(
    ([re, p]) => p !== null && re.test(text),
  );
  return [...new Set(named.map(([, p]) => p!))];
}

/** Triggered by a push to a branch (a merge), not only by tags or by hand. */
function onMerge(text: string): boolean {
  if (!PUSH_TRIGGER.test(text)) return false;
  return !PUSH_TAGS_ONLY.test(text) || PUSH_BRANCHES.test(text);
}

const continuousDeployment: FileDetector = (file, path) => {
  if (file.content === undefined) return null;
  const content = withoutComments(file.content);
  if (isGithubWorkflow(path)) {
    if (!onMerge(content)) return null;
    // A job named deploy or an environment is not enough: something must deploy (dub's deploy job only builds).
    const deploys = DEPLOY_COMMAND.test(content) || DEPLOY_ACTION.test(content) || CALLS_DEPLOY_WORKFLOW.test(content);
    return deploys ? "deploys on push (GitHub Actions)" : null;
  }
  if (/^\.gitlab-ci\.ya?ml$/.test(path) && ENVIRONMENT.test(content) && !/^\s+when:\s*manual/m.test(content))
    return "deploy job (GitLab CI)";
  return null;
};

const ENVIRONMENT = /^[ \t]+environment:[ \t]*\S/m;

const dependencyUpdates: FileDetector = (_file, path) => {
  if (/^(\.github\/|\.gitlab\/)?(renovate\.json5?|\.renovaterc(\.json5?)?)$/.test(path)) return "Renovate";
  if (/^\.github\/dependabot\.ya?ml$/.test(path)) return "Dependabot";
  return null;
};

/** The delivery signals. */
export const DELIVERY_SIGNALS: FileSignal[] = [
  { id: "shell-scripts", detect: shellScripts },
  { id: "task-runner", detect: taskRunner },
  { id: "ci-pipeline", detect: ciPipeline },
  { id: "reusable-workflow", detect: reusableWorkflow },
  { id: "shared-ci-caller", detect: sharedCiCaller },
  { id: "continuous-deployment", detect: continuousDeployment },
  { id: "dependency-updates", detect: dependencyUpdates },
];
