/**
 * The maturity rubric, version 1, as data: the four levels and their checks.
 * lib/maturity/RUBRIC.md explains it for people; the rubric page renders it.
 * Changing what a check means is a new version.
 */
import type { Tier } from "@/lib/metrics/types";
import type { EcosystemCategory } from "./ecosystem";
import type { AnswerValue, QuestionId } from "./questionnaire";
import type { SignalId } from "./signals";
import type { CheckLevel } from "./types";

export const RUBRIC_VERSION = "1";

/** The four levels of the platform maturity spectrum. */
export const LEVELS: readonly { level: CheckLevel; name: string; summary: string }[] = [
  {
    level: 1,
    name: "Scripts and documentation",
    summary: "Delivery is scripted and written down: shell scripts, Makefiles, a CI pipeline, runbooks.",
  },
  {
    level: 2,
    name: "Templates and generators",
    summary:
      "New work starts from shared templates: template repositories, cookiecutter/copier/Yeoman, shared CI templates.",
  },
  {
    level: 3,
    name: "Self-service portal",
    summary: "Teams serve themselves: a software catalog with owners, golden-path templates, creation without tickets.",
  },
  {
    level: 4,
    name: "Fully automated platform",
    summary:
      "Infrastructure as code, GitOps, continuous deployment, autoscaling and self-healing, with outcomes to show for it.",
  },
];

/** Where a check's answer comes from. */
export type CheckSource =
  /** A repository signal; `most` means at least half of the scope's repositories with files show it. */
  | { kind: "signal"; signals: readonly SignalId[]; coverage: "any" | "most" }
  | { kind: "metric"; metric: "deploymentFrequency"; tierAtLeast: Tier }
  | { kind: "metric"; metric: "timeToRestore"; medianHoursBelow: number }
  /** A questionnaire answer; unanswered, it does not block a level but leaves it provisional. */
  | { kind: "answer"; question: QuestionId; passWhen: readonly AnswerValue[] };

/** One check of the rubric. */
export interface CheckDefinition {
  id: string;
  level: CheckLevel;
  aspect: string;
  title: string;
  source: CheckSource;
  /** What passes, in words. */
  passes: string;
  /** What to do when it does not. */
  fix: string;
  /** The next step it suggests when missing: an ecosystem category and an action. */
  step: { category: EcosystemCategory; action: string };
}

const signal = (signals: SignalId[], coverage: "any" | "most" = "any") =>
  ({ kind: "signal", signals, coverage }) as const;
const answer = (question: QuestionId, ...passWhen: AnswerValue[]) => ({ kind: "answer", question, passWhen }) as const;

/** The checks, lowest level first. */
export const CHECKS: readonly CheckDefinition[] = [
  {
    id: "scripted-delivery",
    level: 1,
    aspect: "delivery",
    title: "Build and deploy steps are scripted",
    source: signal(["ci-pipeline", "task-runner", "shell-scripts"]),
    passes:
      "A repository holds shell scripts, a Makefile/Justfile/Taskfile, or a CI pipeline that builds, tests or ships. A formatter or lint workflow alone does not count.",
    fix: "Write the build, test and deploy steps down as scripts or Makefile targets and run them in a CI pipeline.",
    step: {
      category: "ci-cd",
      action: "Script the build, test and deploy steps and run them in a CI pipeline on every change",
    },
  },
  {
    id: "operational-docs",
    level: 1,
    aspect: "operations",
    title: "Runbooks and operational docs live with the code",
    source: signal(["runbook", "documentation"]),
    passes:
      "A repository holds a runbook or playbook, a docs/ folder, or a docs site (MkDocs, Docusaurus). A README alone does not count.",
    fix: "Add docs/runbook.md covering deploy, rollback and the common alerts, next to the code.",
    step: {
      category: "portal",
      action: "Keep runbooks as docs-as-code next to each service and publish them in one place (TechDocs)",
    },
  },
  {
    id: "shared-deploy-knowledge",
    level: 1,
    aspect: "onboarding",
    title: "More than one person can deploy and roll back",
    source: answer("sharedDeployKnowledge", true),
    passes: "Answered yes: more than one person can deploy and roll back by following written steps.",
    fix: "Have someone who never deployed follow the runbook and fix what they trip over.",
    step: {
      category: "ci-cd",
      action: "Make deploy and rollback a documented one-command pipeline run anyone on the team can start",
    },
  },
  {
    id: "service-templates",
    level: 2,
    aspect: "onboarding",
    title: "New repositories start from a template",
    source: signal(["template-repository", "generated-from-template", "project-generator", "scaffolder-template"]),
    passes:
      "The scope owns a template repository or a generator (cookiecutter.json, copier.yml, Yeoman, a software template), or its repositories were generated from one.",
    fix: "Turn your best-kept service into a template repository or a cookiecutter/copier template and start new services from it.",
    step: {
      category: "portal",
      action:
        "Turn the best-kept service into a template (template repository, copier or a software template) and start every new service from it",
    },
  },
  {
    id: "shared-ci",
    level: 2,
    aspect: "delivery",
    title: "CI is shared, not copied",
    source: signal(["reusable-workflow", "shared-ci-caller"]),
    passes:
      "Workflows call reusable workflows (`on: workflow_call`) or the organisation's own actions, or GitLab includes / CircleCI orbs.",
    fix: "Move the pipeline steps every repository repeats into reusable workflows and call them.",
    step: {
      category: "ci-cd",
      action:
        "Move the pipeline steps every repository repeats into shared, versioned CI templates (reusable workflows)",
    },
  },
  {
    id: "dependency-automation",
    level: 2,
    aspect: "operations",
    title: "Dependency updates are automated",
    source: signal(["dependency-updates"]),
    passes: "A Renovate or Dependabot configuration is present.",
    fix: "Add renovate.json or .github/dependabot.yml so updates arrive as pull requests that CI checks.",
    step: {
      category: "ci-cd",
      action: "Automate dependency updates (Renovate or Dependabot) with CI gating the pull requests they open",
    },
  },
  {
    id: "templates-owned",
    level: 2,
    aspect: "investment",
    title: "Someone owns the templates",
    source: answer("templatesMaintained", true),
    passes: "Answered yes: someone owns the templates new services start from and keeps them current.",
    fix: "Name an owner for the templates and give them time to keep them current.",
    step: {
      category: "portal",
      action:
        "Give the templates an owner and a changelog, and let generated repositories take updates (copier update, Renovate)",
    },
  },
  {
    id: "software-catalog",
    level: 3,
    aspect: "self-service",
    title: "Services are in a software catalog",
    source: signal(["catalog-entry"], "most"),
    passes:
      "At least half of the repositories with files have a catalog entry (catalog-info.yaml, port.yml, cortex.yaml, opslevel.yml).",
    fix: "Add a catalog-info.yaml with an owning team to every service and register it in the portal.",
    step: {
      category: "portal",
      action: "Register every service in a software catalog with its owning team, docs and on-call",
    },
  },
  {
    id: "golden-path",
    level: 3,
    aspect: "self-service",
    title: "Golden paths are self-service",
    source: signal(["scaffolder-template", "golden-path-service"]),
    passes:
      "The scope offers a software template (scaffolder.backstage.io Template) or its repositories were generated from a template that is offered as one.",
    fix: "Publish the service template as a software template that creates the repository, pipeline and catalog entry in one step.",
    step: {
      category: "portal",
      action:
        "Publish golden-path software templates that create a repository with CI, deploy pipeline and catalog entry in one step",
    },
  },
  {
    id: "clear-ownership",
    level: 3,
    aspect: "self-service",
    title: "Every repository has owners",
    source: signal(["codeowners"], "most"),
    passes: "At least half of the repositories with files have a CODEOWNERS file.",
    fix: "Add a CODEOWNERS file naming the owning team to every repository.",
    step: {
      category: "portal",
      action: "Record an owning team for every repository (CODEOWNERS and catalog owner) so requests route themselves",
    },
  },
  {
    id: "no-ticket-provisioning",
    level: 3,
    aspect: "interfaces",
    title: "Creating a service needs no ticket",
    source: answer("selfServiceNoTickets", true),
    passes: "Answered yes: a developer can create a new service and its infrastructure without filing a ticket.",
    fix: "Find the tickets new services still need and turn each into a template step or a self-service action.",
    step: {
      category: "infrastructure",
      action:
        "Turn the tickets new services still need (databases, queues, DNS) into self-service infrastructure claims",
    },
  },
  {
    id: "infrastructure-as-code",
    level: 4,
    aspect: "infrastructure",
    title: "Infrastructure is code",
    source: signal(["infrastructure-as-code"]),
    passes:
      "Terraform/OpenTofu, Pulumi, Crossplane or CDK files describe infrastructure. A terraform.md does not count.",
    fix: "Describe the cloud resources in Terraform, Pulumi or Crossplane and apply them from a pipeline.",
    step: {
      category: "infrastructure",
      action: "Describe every environment's infrastructure as code and apply it from pull requests",
    },
  },
  {
    id: "gitops",
    level: 4,
    aspect: "delivery",
    title: "Deployments are reconciled by GitOps",
    source: signal(["gitops"]),
    passes: "Argo CD Applications/ApplicationSets or Flux resources are in the repositories.",
    fix: "Let Argo CD or Flux reconcile what runs with what the repository declares.",
    step: {
      category: "gitops",
      action: "Reconcile what runs with what Git declares, with automated sync and drift correction",
    },
  },
  {
    id: "continuous-deployment",
    level: 4,
    aspect: "delivery",
    title: "Merges deploy automatically",
    source: signal(["continuous-deployment"]),
    passes:
      "A pipeline triggered by a push to a branch runs a deploy (a deploy command or action, or a deploy workflow). A manual workflow_dispatch button, a tag-only release or pushing an image without deploying it does not count.",
    fix: "Deploy from the pipeline on every merge to the default branch, with an environment for production.",
    step: {
      category: "ci-cd",
      action: "Deploy on every merge to the default branch, promoting through environments without manual steps",
    },
  },
  {
    id: "autoscaling",
    level: 4,
    aspect: "infrastructure",
    title: "Workloads scale automatically",
    source: signal(["autoscaling"]),
    passes:
      "A HorizontalPodAutoscaler or KEDA ScaledObject is declared. A Deployment with fixed replicas does not count.",
    fix: "Add a HorizontalPodAutoscaler (or KEDA for queue-driven work) to each service's chart.",
    step: {
      category: "orchestration",
      action: "Scale workloads on load (HorizontalPodAutoscaler, or KEDA for queues) instead of fixed replica counts",
    },
  },
  {
    id: "self-healing",
    level: 4,
    aspect: "operations",
    title: "Workloads heal themselves",
    source: signal(["health-probes"]),
    passes: "Workload manifests declare liveness/readiness probes, or Argo CD self-heal is on.",
    fix: "Give every workload liveness and readiness probes so the orchestrator restarts and drains it.",
    step: {
      category: "orchestration",
      action: "Give every workload liveness and readiness probes so the orchestrator restarts and drains it",
    },
  },
  {
    id: "telemetry",
    level: 4,
    aspect: "observability",
    title: "Services emit telemetry",
    source: signal(["telemetry"]),
    passes:
      "An OpenTelemetry Collector configuration or SDK, Prometheus monitors or Datadog are present. Grafana dashboards alone do not count.",
    fix: "Instrument services with OpenTelemetry and ship traces and metrics to one backend.",
    step: {
      category: "observability",
      action: "Instrument services with OpenTelemetry and build SLO dashboards and alerts on one backend",
    },
  },
  {
    id: "deployment-frequency",
    level: 4,
    aspect: "measurement",
    title: "Deploys at least weekly (DORA high or elite)",
    source: { kind: "metric", metric: "deploymentFrequency", tierAtLeast: "high" },
    passes: "Deployment frequency tier is high or elite over the window (spec/metrics.md).",
    fix: "Ship smaller changes more often: trunk-based development and automated deploys.",
    step: {
      category: "ci-cd",
      action: "Ship smaller changes more often: trunk-based development with automated production deploys",
    },
  },
  {
    id: "time-to-restore",
    level: 4,
    aspect: "measurement",
    title: "Restores service within a day",
    source: { kind: "metric", metric: "timeToRestore", medianHoursBelow: 24 },
    passes: "Median time to restore is under 24 hours over the window (spec/metrics.md).",
    fix: "Alert on symptoms, keep rollback one command away and practise it.",
    step: {
      category: "observability",
      action: "Alert on user-facing symptoms and make rollback one command, to restore within hours",
    },
  },
  {
    id: "automatic-rollback",
    level: 4,
    aspect: "operations",
    title: "Failed deployments roll back on their own",
    source: answer("automatedRollback", true),
    passes: "Answered yes: failing deployments are rolled back or healed without a person stepping in.",
    fix: "Roll out progressively and roll back automatically on failing health checks.",
    step: {
      category: "gitops",
      action: "Roll out progressively and roll back automatically on failing health checks (Argo Rollouts, Flagger)",
    },
  },
];
