/**
 * The records of spec/events.md after validation: timestamps are UTC
 * milliseconds, absent fields are `null`. Every source maps onto these.
 */
import type { CiRunStatus, DeploymentStatus, RepositoryFile } from "@/db/schema";

export type { CiRunStatus, DeploymentStatus, RepositoryFile };

export interface TeamRecord {
  type: "team";
  id: string;
  name: string;
  parentId: string | null;
}

export interface RepositoryRecord {
  type: "repository";
  id: string;
  name: string;
  createdAt: number;
  teamId: string | null;
  defaultBranch: string | null;
  url: string | null;
  isTemplate: boolean | null;
  templateId: string | null;
}

export interface PersonRecord {
  type: "person";
  id: string;
  name: string | null;
  teamId: string | null;
  joinedAt: number | null;
  isBot: boolean | null;
}

export interface CommitRecord {
  type: "commit";
  repositoryId: string;
  sha: string;
  authoredAt: number;
  authorId: string | null;
  committedAt: number | null;
  /** Parent shas in order; `[]` for a root commit; null when the source did not say. */
  parents: string[] | null;
}

export interface PullRequestRecord {
  type: "pull_request";
  repositoryId: string;
  number: number;
  authorId: string;
  createdAt: number;
  firstCommitAt: number | null;
  mergedAt: number | null;
  closedAt: number | null;
  baseBranch: string | null;
  mergeCommitSha: string | null;
  url: string | null;
  title: string | null;
  labels: string[] | null;
}

export interface DeploymentRecord {
  type: "deployment";
  id: string;
  repositoryId: string;
  environment: string;
  status: DeploymentStatus;
  createdAt: number;
  finishedAt: number | null;
  sha: string | null;
  url: string | null;
}

export interface CiRunRecord {
  type: "ci_run";
  id: string;
  repositoryId: string;
  workflow: string;
  status: CiRunStatus;
  startedAt: number;
  finishedAt: number | null;
  headSha: string | null;
  branch: string | null;
  event: string | null;
  url: string | null;
}

export interface IncidentRecord {
  type: "incident";
  id: string;
  openedAt: number;
  title: string | null;
  severity: string | null;
  resolvedAt: number | null;
  repositoryId: string | null;
  teamId: string | null;
  deploymentId: string | null;
  causeSha: string | null;
  /** The deployment that resolved it (spec/metrics.md §7 rule 1). */
  fixDeploymentId: string | null;
  source: string | null;
  url: string | null;
}

export interface RepositoryFilesRecord {
  type: "repository_files";
  repositoryId: string;
  observedAt: number;
  files: RepositoryFile[];
}

/** Any record of the event format. */
export type EventRecord =
  | TeamRecord
  | RepositoryRecord
  | PersonRecord
  | CommitRecord
  | PullRequestRecord
  | DeploymentRecord
  | CiRunRecord
  | IncidentRecord
  | RepositoryFilesRecord;

/** The `type` names of the event format, in the order the spec lists them. */
export const EVENT_TYPES = [
  "team",
  "repository",
  "person",
  "commit",
  "pull_request",
  "deployment",
  "ci_run",
  "incident",
  "repository_files",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
