/**
 * The fixture model the fake GitHub serves: plain data a test builds and
 * mutates between syncs. Times are RFC 3339 strings, lists newest first where
 * GitHub's history is (commits).
 */

export interface FakeUser {
  login: string;
  name: string | null;
  bot?: boolean;
}

export interface FakePull {
  number: number;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  mergedAt?: string;
  closedAt?: string;
  baseRefName: string;
  mergeCommit?: string;
  /** Default: "Pull request N". */
  title?: string;
  labels?: string[];
  /** Authored dates of the pull request's commits, in push order. */
  commitDates: string[];
}

export interface FakeSuite {
  /** The workflow run's database id; absent for a check suite of another app. */
  runId?: number;
  workflow: string;
  status: string;
  conclusion?: string;
  createdAt: string;
  updatedAt: string;
  event: string;
  branch: string;
}

export interface FakeCommit {
  oid: string;
  authoredDate: string;
  committedDate: string;
  /** Default: the next (older) commit of the history, none for the last. */
  parents?: string[];
  author?: string;
  suites: FakeSuite[];
}

export interface FakeDeploymentStatus {
  state: string;
  createdAt: string;
  logUrl?: string;
}

export interface FakeDeployment {
  id: number;
  createdAt: string;
  environment: string;
  commitOid: string;
  /** Oldest first, as they were created. */
  statuses: FakeDeploymentStatus[];
}

export interface FakeIssue {
  number: number;
  title: string;
  state: "OPEN" | "CLOSED";
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
  labels: string[];
}

export interface FakeRelease {
  id: number;
  tagName: string;
  createdAt: string;
  publishedAt?: string;
  isDraft?: boolean;
  isPrerelease?: boolean;
  tagOid?: string;
}

/** A file's text, or a binary file of some size. */
export type FakeFile = string | { binary: true; size: number };

export interface FakeRepo {
  owner: string;
  name: string;
  createdAt: string;
  pushedAt: string;
  isTemplate?: boolean;
  isFork?: boolean;
  template?: string;
  /** Absent for an empty repository. */
  defaultBranch?: string;
  pulls: FakePull[];
  /** The default branch's history, newest first. */
  commits: FakeCommit[];
  deployments: FakeDeployment[];
  issues: FakeIssue[];
  releases: FakeRelease[];
  files: Record<string, FakeFile>;
  /** When set, every query of this repository fails with this GraphQL error message. */
  broken?: string;
}

export interface FakeTeam {
  slug: string;
  name: string;
  parent?: string;
  members: string[];
  repositories: { repo: string; permission: string }[];
}

export interface FakeOrg {
  login: string;
  users: Record<string, FakeUser>;
  teams: FakeTeam[];
  repos: FakeRepo[];
}

/** `owner/name`. */
export const repoId = (r: FakeRepo) => `${r.owner}/${r.name}`;
