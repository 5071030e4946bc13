/** The fake GitLab's data: groups, members and projects with their streams, in GitLab's REST shapes. */
import { HOUR_MS } from "@/lib/time";

export interface FakeGroup {
  id: number;
  name: string;
  full_path: string;
  parent_id: number | null;
  members: { id: number; username: string; name: string }[];
}

export interface FakeMergeRequest {
  iid: number;
  title: string;
  state: "opened" | "merged" | "closed";
  created_at: string;
  updated_at: string;
  merged_at: string | null;
  closed_at: string | null;
  target_branch: string;
  merge_commit_sha: string | null;
  squash_commit_sha: string | null;
  author: { username: string; name: string; bot: boolean } | null;
  labels: string[];
  /** Newest first, as GitLab lists a merge request's commits. */
  commits: { sha: string; authored_date: string }[];
}

export interface FakeCommit {
  id: string;
  parent_ids: string[];
  authored_date: string;
  committed_date: string;
  author_name: string;
  author_email: string;
}

export interface FakeDeployment {
  id: number;
  iid: number;
  ref: string;
  sha: string;
  created_at: string;
  updated_at: string;
  status: "created" | "running" | "success" | "failed" | "canceled" | "blocked";
  environment: { id: number; name: string };
  deployable: { id: number; status: string; finished_at: string | null; web_url: string } | null;
}

export interface FakePipeline {
  id: number;
  iid: number;
  project_id: number;
  sha: string;
  ref: string;
  status: string;
  source: string;
  name: string | null;
  created_at: string;
  updated_at: string;
  web_url: string;
}

export interface FakeIssue {
  iid: number;
  title: string;
  state: "opened" | "closed";
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  labels: string[];
  issue_type: "issue" | "incident";
  /** GraphQL `IssuableSeverity` of an incident. */
  severity?: "UNKNOWN" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
}

export interface FakeRelease {
  tag_name: string;
  created_at: string;
  released_at: string;
  upcoming_release: boolean;
  commit: { id: string };
}

export interface FakeProject {
  id: number;
  path_with_namespace: string;
  namespace_id: number;
  created_at: string;
  default_branch: string | null;
  archived: boolean;
  mergeRequests: FakeMergeRequest[];
  /** Newest first, each with its parents (the default branch's history). */
  commits: FakeCommit[];
  deployments: FakeDeployment[];
  pipelines: FakePipeline[];
  issues: FakeIssue[];
  releases: FakeRelease[];
  /** The default branch's files: path → text. */
  files: Record<string, string>;
}

export interface FakeInstance {
  groups: FakeGroup[];
  projects: FakeProject[];
}

export const BASE = Date.parse("2026-01-05T00:00:00Z");
export const HOUR = HOUR_MS;
/** GitLab's timestamps carry milliseconds and a zone. */
export const at = (ms: number) => new Date(ms).toISOString();

const sha = (project: number, n: number) =>
  `${project.toString(16).padStart(8, "0")}${n.toString(16).padStart(32, "0")}`;

/** A project with `mrs` merged merge requests, `commits` linear commits, `deployments` and `pipelines`. */
export function fakeProject(
  id: number,
  path: string,
  namespaceId: number,
  shape: { mrs: number; commits: number; deployments: number; pipelines: number; incidents?: number },
): FakeProject {
  const commits: FakeCommit[] = [];
  for (let n = 0; n < shape.commits; n++) {
    commits.unshift({
      id: sha(id, n + 1),
      parent_ids: n === 0 ? [] : [sha(id, n)],
      authored_date: at(BASE + n * HOUR - 30 * 60_000),
      committed_date: at(BASE + n * HOUR),
      author_name: `Dev ${n % 5}`,
      author_email: n % 2 === 0 ? `${1000 + (n % 5)}-dev${n % 5}@users.noreply.gitlab.com` : `dev${n % 5}@acme.example`,
    });
  }
  const mergeRequests: FakeMergeRequest[] = [];
  for (let n = 1; n <= shape.mrs; n++) {
    const created = BASE + n * HOUR;
    mergeRequests.push({
      iid: n,
      title: n % 10 === 0 ? `Revert change ${n - 1}` : `Change ${n}`,
      state: "merged",
      created_at: at(created),
      updated_at: at(created + 3 * HOUR),
      merged_at: at(created + 2 * HOUR),
      closed_at: null,
      target_branch: "main",
      merge_commit_sha: n % 7 === 0 ? null : sha(id, 100_000 + n),
      squash_commit_sha: n % 7 === 0 ? sha(id, 200_000 + n) : null,
      author:
        n % 13 === 0
          ? { username: "renovate-bot", name: "Renovate", bot: true }
          : { username: `dev${n % 5}`, name: `Dev ${n % 5}`, bot: false },
      labels: n % 10 === 0 ? ["revert", "backend"] : ["backend"],
      commits: [
        { sha: sha(id, 300_000 + n * 2), authored_date: at(created - HOUR) },
        { sha: sha(id, 300_000 + n * 2 + 1), authored_date: at(created - 5 * HOUR) },
      ],
    });
  }
  const statuses: FakeDeployment["status"][] = ["success", "success", "failed", "success", "canceled", "running"];
  const deployments: FakeDeployment[] = [];
  for (let n = 1; n <= shape.deployments; n++) {
    const created = BASE + n * 2 * HOUR;
    const status = statuses[n % statuses.length]!;
    const finished = status === "running" ? null : at(created + 10 * 60_000);
    deployments.push({
      id: id * 10_000 + n,
      iid: n,
      ref: "main",
      sha: commits.length ? commits[Math.min(commits.length - 1, n % commits.length)]!.id : sha(id, 1),
      created_at: at(created),
      updated_at: finished ?? at(created + 60_000),
      status,
      environment: { id: 1, name: n % 4 === 0 ? "staging" : "production" },
      deployable: {
        id: id * 10_000 + n,
        status,
        finished_at: finished,
        web_url: `https://gitlab.example/${path}/-/jobs/${n}`,
      },
    });
  }
  const pipeStatuses = ["success", "failed", "success", "canceled", "running", "skipped", "manual"];
  const pipelines: FakePipeline[] = [];
  for (let n = 1; n <= shape.pipelines; n++) {
    const created = BASE + n * HOUR;
    pipelines.push({
      id: id * 10_000 + n,
      iid: n,
      project_id: id,
      sha: commits.length ? commits[n % commits.length]!.id : sha(id, 1),
      ref: n % 5 === 0 ? "feature/x" : "main",
      status: pipeStatuses[n % pipeStatuses.length]!,
      source: "push",
      name: n % 2 === 0 ? "Build and test" : null,
      created_at: at(created),
      updated_at: at(created + 20 * 60_000),
      web_url: `https://gitlab.example/${path}/-/pipelines/${id * 10_000 + n}`,
    });
  }
  const issues: FakeIssue[] = [];
  for (let n = 1; n <= (shape.incidents ?? 0); n++) {
    const created = BASE + n * 5 * HOUR + 30 * 60_000;
    issues.push({
      iid: n,
      title: `Outage ${n}`,
      state: n % 3 === 0 ? "opened" : "closed",
      created_at: at(created),
      updated_at: at(created + 2 * HOUR),
      closed_at: n % 3 === 0 ? null : at(created + 2 * HOUR),
      labels: n % 2 === 0 ? ["incident", "severity::2"] : [],
      issue_type: n % 2 === 0 ? "issue" : "incident",
      ...(n % 2 === 1 ? { severity: n % 4 === 1 ? ("CRITICAL" as const) : ("UNKNOWN" as const) } : {}),
    });
  }
  return {
    id,
    path_with_namespace: path,
    namespace_id: namespaceId,
    created_at: at(BASE - 90 * 24 * HOUR),
    default_branch: "main",
    archived: false,
    mergeRequests,
    commits,
    deployments,
    pipelines,
    issues,
    releases: [],
    files: {},
  };
}

/**
 * `acme` with subgroups `acme/platform` and `acme/platform/sre` and
 * `acme/web`, `projects` projects spread over them, each of `shape`.
 */
export function fakeInstance(projects: number, shape: Parameters<typeof fakeProject>[3]): FakeInstance {
  const groups: FakeGroup[] = [
    { id: 1, name: "Acme", full_path: "acme", parent_id: null, members: [{ id: 1, username: "ceo", name: "The CEO" }] },
    {
      id: 2,
      name: "Platform",
      full_path: "acme/platform",
      parent_id: 1,
      members: [
        { id: 2, username: "dev1", name: "Dev 1" },
        { id: 3, username: "dev2", name: "Dev 2" },
      ],
    },
    {
      id: 3,
      name: "SRE",
      full_path: "acme/platform/sre",
      parent_id: 2,
      members: [{ id: 3, username: "dev2", name: "Dev 2" }],
    },
    { id: 4, name: "Web", full_path: "acme/web", parent_id: 1, members: [{ id: 4, username: "dev3", name: "Dev 3" }] },
  ];
  const list: FakeProject[] = [];
  for (let i = 0; i < projects; i++) {
    const group = groups[i % groups.length]!;
    list.push(fakeProject(100 + i, `${group.full_path}/service-${i}`, group.id, shape));
  }
  return { groups, projects: list };
}
