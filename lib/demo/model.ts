/**
 * The demo organisation as the generator builds it, before it is written out
 * as event-format records (records.ts). Times are UTC milliseconds.
 */
import type { RepositorySpec, TeamSpec } from "./teams";

export interface DemoRepository {
  id: string;
  slug: string;
  /** `northwind/<slug>` */
  name: string;
  url: string;
  team: TeamSpec;
  spec: RepositorySpec;
  createdAt: number;
  defaultBranch: string;
  templateId?: string;
}

export interface DemoPerson {
  id: string;
  name: string;
  teamId?: string;
  joinedAt?: number;
  isBot?: boolean;
  /** Joined during the history and still to merge a first pull request at its start. */
  newcomer: boolean;
}

export interface DemoCommit {
  repositoryId: string;
  sha: string;
  authoredAt: number;
  authorId: string;
  committedAt?: number;
}

export interface DemoPullRequest {
  repository: DemoRepository;
  /** Set once all pull requests of the repository are known, in order of creation. */
  number: number;
  authorId: string;
  /** The head branch, for CI runs. */
  branch: string;
  createdAt: number;
  firstCommitAt: number;
  mergedAt?: number;
  closedAt?: number;
  baseBranch: string;
  mergeCommitSha?: string;
  commits: DemoCommit[];
  /** Opened by a dependency bot: CI is often skipped on it. */
  byBot: boolean;
}

/** A commit that reached a repository's default branch, in the order deploys can pick it up. */
export interface MainlineChange {
  sha: string;
  at: number;
  /** The repository's initial commit, deployed by the golden path rather than by the schedule. */
  initial?: boolean;
}

export interface DemoDeployment {
  id: string;
  repository: DemoRepository;
  environment: string;
  status: "success" | "failure" | "cancelled" | "in_progress";
  createdAt: number;
  finishedAt?: number;
  sha: string;
}

export interface DemoCiRun {
  id: string;
  repository: DemoRepository;
  status: "success" | "failure" | "cancelled" | "skipped" | "in_progress";
  startedAt: number;
  finishedAt?: number;
  headSha: string;
  branch: string;
  event: "pull_request" | "push";
}

export interface DemoIncident {
  id: string;
  openedAt: number;
  resolvedAt?: number;
  title: string;
  severity: "sev1" | "sev2" | "sev3" | "sev4";
  source: "pagerduty" | "opsgenie";
  repositoryId?: string;
  teamId?: string;
  deploymentId?: string;
  causeSha?: string;
}
