/**
 * Signals of how code is built and shipped: scripts, CI pipelines, shared CI
 * templates, continuous deployment and automated dependency updates.
 */
import { baseName, isGithubWorkflow } from "./paths";
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

const ciPipeline: FileDetector = (_file, path) => {
  if (isGithubWorkflow(path)) return "GitHub Actions";
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
const DEPLOY_COMMAND =
  /\b(helm (upgrade|install)|kubectl (apply|rollout|set image)|argocd app sync|argocd-(sync|wait)|fly(ctl)? deploy|vercel (deploy|--prod)|railway up|terraform apply|aws ecs update-service|gcloud run deploy|kustomize edit set image)\b/;
const DEPLOY_JOB = /^[ \t]{2}deploy[\w-]*:[ \t]*$/m;
const ENVIRONMENT = /^[ \t]+environment:[ \t]*\S/m;
const CALLS_DEPLOY_WORKFLOW = /^[ \t]+uses:[ \t]*\S*\/\.github\/workflows\/[^@\s]*deploy[^@\s]*@/m;

const continuousDeployment: FileDetector = (file, path) => {
  const content = file.content;
  if (content === undefined) return null;
  if (isGithubWorkflow(path)) {
    if (!PUSH_TRIGGER.test(content)) return null;
    const deploys =
      DEPLOY_JOB.test(content) ||
      ENVIRONMENT.test(content) ||
      DEPLOY_COMMAND.test(content) ||
      CALLS_DEPLOY_WORKFLOW.test(content);
    return deploys ? "deploys on push (GitHub Actions)" : null;
  }
  if (/^\.gitlab-ci\.ya?ml$/.test(path) && ENVIRONMENT.test(content) && !/^\s+when:\s*manual/m.test(content))
    return "deploy job (GitLab CI)";
  return null;
};

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
