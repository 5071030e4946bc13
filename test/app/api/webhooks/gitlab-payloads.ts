/**
 * GitLab webhook bodies in the shapes GitLab's "Webhook events" reference
 * documents (docs.gitlab.com/user/project/integrations/webhook_events):
 * `object_kind`, `object_attributes`, `project`, `user`, with the older
 * `YYYY-MM-DD HH:MM:SS UTC` timestamps where GitLab still sends them.
 */

const project = {
  id: 30,
  name: "checkout",
  description: "",
  web_url: "https://gitlab.example/acme/shop/checkout",
  avatar_url: null,
  git_ssh_url: "git@gitlab.example:acme/shop/checkout.git",
  git_http_url: "https://gitlab.example/acme/shop/checkout.git",
  namespace: "shop",
  visibility_level: 0,
  path_with_namespace: "acme/shop/checkout",
  default_branch: "main",
  ci_config_path: null,
  homepage: "https://gitlab.example/acme/shop/checkout",
  url: "git@gitlab.example:acme/shop/checkout.git",
};
const user = { id: 1, name: "Jane Doe", username: "jane", avatar_url: null, email: "[REDACTED]" };

/** A deployment event (`Deployment Hook`). */
export function deployment(status: string, deploymentId = 15) {
  return {
    object_kind: "deployment",
    status,
    status_changed_at: "2026-02-03 10:20:00 +0100",
    deployment_id: deploymentId,
    deployable_id: 796,
    deployable_url: "https://gitlab.example/acme/shop/checkout/-/jobs/796",
    environment: "production",
    environment_tier: "production",
    environment_slug: "production",
    environment_external_url: "https://shop.example",
    project,
    short_sha: "279484c0",
    user,
    user_url: "https://gitlab.example/jane",
    commit_url: "https://gitlab.example/acme/shop/checkout/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468",
    commit_title: "Add a feature",
    ref: "main",
  };
}

/** A pipeline event (`Pipeline Hook`). */
export function pipeline(status: string, ref = "main") {
  return {
    object_kind: "pipeline",
    object_attributes: {
      id: 31,
      iid: 3,
      name: "Build and deploy",
      ref,
      tag: false,
      sha: "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
      before_sha: "bcbb5ec396a2c0f828686f14fac9b80b780504f2",
      source: "push",
      status,
      detailed_status: status === "success" ? "passed" : status,
      stages: ["build", "test", "deploy"],
      created_at: "2026-02-03 09:00:00 UTC",
      finished_at: status === "running" ? null : "2026-02-03 09:12:30 UTC",
      duration: 750,
      queued_duration: 12,
      variables: [],
      url: "https://gitlab.example/acme/shop/checkout/-/pipelines/31",
    },
    merge_request: null,
    user,
    project,
    commit: { id: "bcbb5ec396a2c0f828686f14fac9b80b780504f2", message: "test", timestamp: "2026-02-03T08:59:00+00:00" },
    builds: [],
  };
}

/** A merge request event (`Merge Request Hook`); `action` open, update, merge or close. */
export function mergeRequest(action: string, state: string, by = user) {
  return {
    object_kind: "merge_request",
    event_type: "merge_request",
    user: by,
    project,
    object_attributes: {
      id: 99,
      iid: 7,
      target_branch: "main",
      source_branch: "feature/cache",
      source_project_id: 30,
      author_id: 1,
      title: "Hotfix: cache stampede",
      created_at: "2026-02-02T08:00:00Z",
      updated_at: "2026-02-03T11:00:00Z",
      merged_at: state === "merged" ? "2026-02-03T10:59:00Z" : null,
      closed_at: null,
      state,
      merge_status: "can_be_merged",
      merge_commit_sha: state === "merged" ? "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678" : null,
      squash_commit_sha: null,
      url: "https://gitlab.example/acme/shop/checkout/-/merge_requests/7",
      labels: [{ id: 206, title: "hotfix", color: "#dc143c", project_id: 30, type: "ProjectLabel" }],
      action,
    },
    labels: [{ id: 206, title: "hotfix", color: "#dc143c", project_id: 30, type: "ProjectLabel" }],
    changes: {},
  };
}

/** An issue event (`Issue Hook`): an incident (`issue_type: incident`) or an issue with labels. */
export function issue(options: { incident: boolean; labels?: string[]; state?: string; severity?: string }) {
  const labels = (options.labels ?? []).map((title, i) => ({ id: i + 1, title, type: "ProjectLabel" }));
  return {
    object_kind: "issue",
    event_type: "issue",
    user,
    project,
    object_attributes: {
      id: 301,
      iid: 23,
      title: "Checkout returns 502",
      state: options.state ?? "opened",
      created_at: "2026-02-03 10:40:00 UTC",
      updated_at: "2026-02-03 11:30:00 UTC",
      closed_at: options.state === "closed" ? "2026-02-03 11:30:00 UTC" : null,
      url: "https://gitlab.example/acme/shop/checkout/-/issues/23",
      type: options.incident ? "Incident" : "Issue",
      issue_type: options.incident ? "incident" : "issue",
      severity: options.severity ?? "unknown",
      labels,
      action: options.state === "closed" ? "close" : "open",
    },
    labels,
    changes: {},
  };
}
