/** Trimmed GitHub webhook payloads, in the shapes GitHub documents for each event. */
const repository = {
  id: 1296269,
  node_id: "MDEwOlJlcG9zaXRvcnkxMjk2MjY5",
  name: "checkout",
  full_name: "acme/checkout",
  private: true,
  owner: { login: "acme", id: 1, type: "Organization" },
  html_url: "https://github.com/acme/checkout",
  created_at: "2025-06-01T09:00:00Z",
  updated_at: "2026-02-01T09:00:00Z",
  pushed_at: "2026-02-01T09:00:00Z",
  default_branch: "main",
  is_template: false,
};
const sender = { login: "octocat", id: 583231, type: "User" };

export const deploymentStatus = (state: string, at = "2026-02-03T10:05:00Z") => ({
  action: "created",
  deployment_status: {
    id: 9001,
    state,
    creator: sender,
    description: "",
    environment: "production",
    target_url: "https://ci.acme.dev/deploys/42",
    log_url: "https://ci.acme.dev/deploys/42/log",
    created_at: at,
    updated_at: at,
  },
  deployment: {
    id: 42,
    node_id: "DE_kwDO",
    sha: "a1b2c3d4e5f6",
    ref: "main",
    task: "deploy",
    environment: "production",
    creator: sender,
    created_at: "2026-02-03T10:00:00Z",
    updated_at: at,
  },
  repository,
  sender,
});

export const workflowRun = (status: string, conclusion: string | null) => ({
  action: status === "completed" ? "completed" : "in_progress",
  workflow_run: {
    id: 30433642,
    name: "CI",
    node_id: "WFR_kwLO",
    head_branch: "main",
    head_sha: "a1b2c3d4e5f6",
    path: ".github/workflows/ci.yml",
    run_number: 562,
    event: "push",
    status,
    conclusion,
    workflow_id: 159038,
    html_url: "https://github.com/acme/checkout/actions/runs/30433642",
    created_at: "2026-02-03T09:50:00Z",
    updated_at: "2026-02-03T09:58:00Z",
    run_started_at: "2026-02-03T09:50:05Z",
  },
  workflow: { id: 159038, name: "CI", path: ".github/workflows/ci.yml", state: "active" },
  repository,
  sender,
});

export const pullRequest = (action: string, merged: boolean) => ({
  action,
  number: 7,
  pull_request: {
    id: 279147437,
    number: 7,
    state: merged ? "closed" : "open",
    title: "Add retries",
    user: { login: "dependabot[bot]", id: 49699333, type: "Bot" },
    html_url: "https://github.com/acme/checkout/pull/7",
    created_at: "2026-02-01T08:00:00Z",
    updated_at: "2026-02-02T08:00:00Z",
    closed_at: merged ? "2026-02-02T08:00:00Z" : null,
    merged_at: merged ? "2026-02-02T08:00:00Z" : null,
    merge_commit_sha: "f00dfeed",
    draft: false,
    merged,
    head: { ref: "retries", sha: "beef" },
    base: { ref: "main", sha: "cafe" },
  },
  repository,
  sender,
});

export const issue = (action: string, labels: string[], state = "open") => ({
  action,
  issue: {
    id: 1,
    number: 12,
    title: "Checkout returns 500s",
    state,
    user: sender,
    labels: labels.map((name, i) => ({ id: i, name, color: "ff0000" })),
    html_url: "https://github.com/acme/checkout/issues/12",
    created_at: "2026-02-03T11:00:00Z",
    updated_at: "2026-02-03T12:00:00Z",
    closed_at: state === "closed" ? "2026-02-03T11:40:00Z" : null,
  },
  repository,
  sender,
});

export const repositoryEvent = (action: string, name = "acme/new-service") => ({
  action,
  repository: {
    ...repository,
    name: name.split("/")[1],
    full_name: name,
    html_url: `https://github.com/${name}`,
    created_at: "2026-02-04T09:00:00Z",
    is_template: false,
  },
  sender,
});

export const ping = {
  zen: "Keep it logically awesome.",
  hook_id: 30,
  hook: { type: "Organization", events: ["*"] },
  sender,
};
