import type { RepositoryFile } from "@/lib/events/types";

/** Every signal the assessment reads from repositories (lib/maturity/RUBRIC.md lists what each means). */
export const SIGNAL_IDS = [
  "shell-scripts",
  "task-runner",
  "ci-pipeline",
  "runbook",
  "documentation",
  "template-repository",
  "generated-from-template",
  "project-generator",
  "reusable-workflow",
  "shared-ci-caller",
  "dependency-updates",
  "catalog-entry",
  "scaffolder-template",
  "developer-portal",
  "codeowners",
  "golden-path-service",
  "infrastructure-as-code",
  "gitops",
  "continuous-deployment",
  "autoscaling",
  "health-probes",
  "telemetry",
  "managed-platform",
  "nextjs",
  "container",
  "database",
  "multi-region",
  "kubernetes",
  "gpu",
  "stateful-workload",
] as const;

export type SignalId = (typeof SIGNAL_IDS)[number];

/** What a detector knows about the repository a file belongs to. */
export interface RepositoryContext {
  /** The owner part of `owner/name`, lower case; null when the name has none. */
  owner: string | null;
}

/**
 * Looks at one file and returns what it found (the tool or a short detail,
 * e.g. "Terraform"), or null. With content, the content decides; without it,
 * only file names that cannot mean anything else count.
 */
export type FileDetector = (file: RepositoryFile, path: string, repository: RepositoryContext) => string | null;

/** A signal read from files. */
export interface FileSignal {
  id: SignalId;
  detect: FileDetector;
  /** Reads prose: documentation folders count for it (runbooks, docs), where they do not for configuration. */
  prose?: true;
}

/** One place a signal was seen. */
export interface SignalHit {
  signal: SignalId;
  repositoryId: string;
  /** The repository's name, e.g. `acme/checkout`. */
  repository: string;
  /** The file; "(repository settings)" for what the repository record says. */
  path: string;
  /** The tool or detail, e.g. "Terraform", "generated from acme/service-template". */
  detail: string;
}

/** A hit as evidence text: `acme/checkout: infra/main.tf (Terraform)`. */
export function evidenceText(hit: SignalHit): string {
  return `${hit.repository}: ${hit.path} (${hit.detail})`;
}
