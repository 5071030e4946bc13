import { z } from "zod";
import { GHOST_USERNAME, gitlabDeploymentId, gitlabPipelineId } from "@/collectors/gitlab/ids";
import { deploymentStatus } from "@/collectors/gitlab/map";
import { mapIssueNode, pipelineStatus } from "@/collectors/gitlab/map-graphql";
import { ValidationError } from "@/lib/errors";
import type { MappedEvent } from "./github-events";

/**
 * GitLab webhook timestamps come as RFC 3339 (`2026-01-02T10:00:00Z`,
 * `…+02:00`) or, in older payloads, as `2026-01-02 10:00:00 UTC` and
 * `2026-01-02 10:00:00 +0200`; all become RFC 3339.
 */
const Timestamp = z.string().transform((text, ctx) => {
  const t = text.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(UTC|Z|[+-]\d{2}:?\d{2})$/.exec(t);
  const iso = m
    ? `${m[1]}T${m[2]}${m[3] === "UTC" || m[3] === "Z" ? "Z" : `${m[3]!.slice(0, 3)}:${m[3]!.slice(-2)}`}`
    : t;
  if (!Number.isFinite(Date.parse(iso)) || !/(Z|[+-]\d{2}:\d{2})$/.test(iso)) {
    ctx.addIssue({ code: "custom", message: `not a timestamp with a zone: ${JSON.stringify(text)}` });
    return z.NEVER;
  }
  return iso;
});

const Project = z.object({
  path_with_namespace: z.string().min(1),
  default_branch: z.string().nullish(),
  web_url: z.string().nullish(),
});
const Labels = z.array(z.object({ title: z.string() })).nullish();

const DeploymentHook = z.object({
  status: z.string(),
  status_changed_at: Timestamp,
  deployment_id: z.number().int(),
  deployable_url: z.string().nullish(),
  environment: z.string().nullish(),
  commit_url: z.string().nullish(),
  project: Project,
});

const PipelineHook = z.object({
  object_attributes: z.object({
    id: z.number().int(),
    name: z.string().nullish(),
    ref: z.string().nullish(),
    sha: z.string().nullish(),
    source: z.string().nullish(),
    status: z.string(),
    created_at: Timestamp,
    finished_at: Timestamp.nullish(),
    url: z.string().nullish(),
  }),
  project: Project,
});

const MergeRequestHook = z.object({
  user: z.object({ username: z.string() }).nullish(),
  object_attributes: z.object({
    iid: z.number().int(),
    title: z.string(),
    state: z.string(),
    action: z.string().nullish(),
    target_branch: z.string(),
    created_at: Timestamp,
    updated_at: Timestamp,
    merged_at: Timestamp.nullish(),
    closed_at: Timestamp.nullish(),
    merge_commit_sha: z.string().nullish(),
    squash_commit_sha: z.string().nullish(),
    url: z.string().nullish(),
    labels: Labels,
  }),
  labels: Labels,
  project: Project,
});

const IssueHook = z.object({
  object_attributes: z.object({
    iid: z.number().int(),
    title: z.string(),
    state: z.string(),
    created_at: Timestamp,
    updated_at: Timestamp,
    closed_at: Timestamp.nullish(),
    url: z.string().nullish(),
    type: z.string().nullish(),
    issue_type: z.string().nullish(),
    severity: z.string().nullish(),
    labels: Labels,
  }),
  labels: Labels,
  project: Project,
});

function parse<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ValidationError(`not a ${event} payload: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
}

/** The team of a project, as the collector names it: the group holding it. */
const groupOf = (projectPath: string) => projectPath.split("/").slice(0, -1).join("/") || null;

/**
 * A deployment's status change. The hook carries no creation time, so the
 * status change stands in until the next sync (which reads the deployment
 * again, its `updated_at` having moved) writes the real one; the full sha is
 * the end of `commit_url`.
 */
function deployment(payload: unknown): MappedEvent {
  const d = parse(DeploymentHook, payload, "Deployment Hook");
  const status = deploymentStatus(d.status);
  const sha = /\/commit\/([0-9a-f]{7,64})$/i.exec(d.commit_url ?? "")?.[1] ?? null;
  return {
    asOf: d.status_changed_at,
    records: [
      {
        type: "deployment",
        id: gitlabDeploymentId(d.deployment_id),
        repositoryId: d.project.path_with_namespace,
        environment: d.environment || "production",
        status,
        createdAt: d.status_changed_at,
        finishedAt: status === "in_progress" ? null : d.status_changed_at,
        sha,
        url: d.deployable_url ?? null,
      },
    ],
  };
}

/** A default-branch pipeline, as the collector maps it; pipelines of other refs are not collected either. */
function pipeline(payload: unknown): MappedEvent {
  const { object_attributes: p, project } = parse(PipelineHook, payload, "Pipeline Hook");
  if (project.default_branch && p.ref !== project.default_branch)
    return { ignored: `a pipeline of ${p.ref ?? "another ref"}, not of the default branch ${project.default_branch}` };
  const status = pipelineStatus(p.status);
  return {
    // The hook carries no update time: a final pipeline's is its finish, a running one's its start.
    asOf: p.finished_at ?? p.created_at,
    records: [
      {
        type: "ci_run",
        id: gitlabPipelineId(p.id),
        repositoryId: project.path_with_namespace,
        workflow: p.name || "pipeline",
        status,
        startedAt: p.created_at,
        finishedAt: status === "in_progress" ? null : (p.finished_at ?? p.created_at),
        headSha: p.sha ?? null,
        branch: p.ref ?? null,
        event: p.source ?? null,
        url: p.url ?? null,
      },
    ],
  };
}

/**
 * A merge request as it is now. The hook names the user who acted, not the
 * author: the author is the stored one, or the actor of an `open` event;
 * otherwise the event is left to the next sync. Webhooks carry no first
 * commit: `firstCommitAt` waits for the next sync.
 */
async function mergeRequest(payload: unknown, authorOf: AuthorLookup): Promise<MappedEvent> {
  const { object_attributes: mr, project, user, labels } = parse(MergeRequestHook, payload, "Merge Request Hook");
  const repositoryId = project.path_with_namespace;
  const author =
    (await authorOf(repositoryId, mr.iid)) ?? (mr.action === "open" ? (user?.username ?? GHOST_USERNAME) : null);
  if (author === null)
    return {
      ignored: "the merge request's author is not known yet (the hook names only who acted); the next sync stores it",
    };
  const merged = mr.state === "merged";
  const mergedAt = merged ? (mr.merged_at ?? mr.updated_at) : null;
  return {
    asOf: mr.updated_at,
    records: [
      {
        type: "pull_request",
        repositoryId,
        number: mr.iid,
        authorId: author,
        createdAt: mr.created_at,
        mergedAt,
        closedAt: merged ? mergedAt : mr.state === "closed" ? (mr.closed_at ?? mr.updated_at) : null,
        baseBranch: mr.target_branch,
        mergeCommitSha: merged ? (mr.merge_commit_sha ?? mr.squash_commit_sha ?? null) : null,
        url: mr.url ?? null,
        title: mr.title,
        labels: (mr.labels ?? labels ?? []).map((l) => l.title),
      },
    ],
  };
}

/** An incident issue, or an issue with an incident label, exactly as the collector maps it. */
function issue(payload: unknown, incidentLabels: readonly string[]): MappedEvent {
  const { object_attributes: i, project, labels: topLabels } = parse(IssueHook, payload, "Issue Hook");
  const labels = (i.labels ?? topLabels ?? []).map((l) => l.title);
  const isIncident = (i.issue_type ?? i.type ?? "").toLowerCase() === "incident";
  const wanted = new Set(incidentLabels.map((l) => l.toLowerCase()));
  if (!isIncident && !labels.some((l) => wanted.has(l.toLowerCase())))
    return { ignored: `neither an incident nor labelled ${incidentLabels.join(", ") || "(no incident labels)"}` };
  const repositoryId = project.path_with_namespace;
  return {
    asOf: i.updated_at,
    records: [
      mapIssueNode(repositoryId, groupOf(repositoryId), {
        iid: String(i.iid),
        title: i.title,
        state: i.state,
        createdAt: i.created_at,
        updatedAt: i.updated_at,
        closedAt: i.closed_at ?? null,
        webUrl: i.url ?? null,
        severity: i.severity ?? null,
        labels: { nodes: labels.map((title) => ({ title })) },
      }),
    ],
  };
}

/** The stored author of a merge request, or null. */
export type AuthorLookup = (repositoryId: string, iid: number) => Promise<string | null>;

/** Maps one GitLab webhook delivery, by its `X-Gitlab-Event`, to records. */
export async function mapGitlabEvent(
  event: string,
  payload: unknown,
  options: { incidentLabels: readonly string[]; authorOf: AuthorLookup },
): Promise<MappedEvent> {
  switch (event) {
    case "Deployment Hook":
      return deployment(payload);
    case "Pipeline Hook":
      return pipeline(payload);
    case "Merge Request Hook":
      return mergeRequest(payload, options.authorOf);
    case "Issue Hook":
    case "Confidential Issue Hook":
      return issue(payload, options.incidentLabels);
    default:
      return {
        ignored: `${event} events are not collected (deployment, pipeline, merge request and issue events are)`,
      };
  }
}
