import { z } from "zod";
import { deploymentId, GHOST_LOGIN, personId, workflowRunId } from "@/collectors/github/ids";
import { mapIncident } from "@/collectors/github/map-incidents";
import { runStatus } from "@/collectors/github/map-commits";
import { ValidationError } from "@/lib/errors";

/**
 * What a webhook event becomes: event-format records, or the reason nothing
 * is stored. `asOf` is the event's own time (the status change, the object's
 * `updated_at`): the moment the records describe, so a replayed old event
 * never overwrites what a newer one stored (lib/service/replays.ts).
 */
export type MappedEvent = { records: object[]; asOf?: string } | { ignored: string };

// Push events carry created_at as epoch seconds, the others as ISO text.
const Timestamp = z.union([z.string(), z.number().transform((s) => new Date(s * 1000).toISOString())]);
const Repository = z.object({
  full_name: z.string(),
  created_at: Timestamp.nullish(),
  default_branch: z.string().nullish(),
  html_url: z.string().nullish(),
  is_template: z.boolean().nullish(),
});
const User = z.object({ login: z.string(), type: z.string().nullish() }).nullish();

const DeploymentStatusEvent = z.object({
  deployment_status: z.object({
    state: z.string(),
    created_at: z.string(),
    log_url: z.string().nullish(),
    target_url: z.string().nullish(),
  }),
  deployment: z.object({
    id: z.number(),
    sha: z.string().nullish(),
    environment: z.string().nullish(),
    created_at: z.string(),
  }),
  repository: Repository,
});

const WorkflowRunEvent = z.object({
  workflow_run: z.object({
    id: z.number(),
    name: z.string().nullish(),
    head_sha: z.string().nullish(),
    head_branch: z.string().nullish(),
    event: z.string().nullish(),
    status: z.string().nullish(),
    conclusion: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    html_url: z.string().nullish(),
  }),
  workflow: z.object({ name: z.string() }).nullish(),
  repository: Repository,
});

const PullRequestEvent = z.object({
  pull_request: z.object({
    number: z.number(),
    user: User,
    created_at: z.string(),
    updated_at: z.string().nullish(),
    merged_at: z.string().nullish(),
    closed_at: z.string().nullish(),
    base: z.object({ ref: z.string() }),
    merge_commit_sha: z.string().nullish(),
    html_url: z.string().nullish(),
  }),
  repository: Repository,
});

const IssuesEvent = z.object({
  issue: z.object({
    number: z.number(),
    title: z.string(),
    state: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
    closed_at: z.string().nullish(),
    html_url: z.string(),
    labels: z.array(z.object({ name: z.string() })).nullish(),
    pull_request: z.unknown().optional(),
  }),
  repository: Repository,
});

const RepositoryEvent = z.object({ action: z.string(), repository: Repository });

/** The latest of some ISO times (for payloads without `updated_at`). */
function latest(times: readonly (string | null | undefined)[]): string | undefined {
  const known = times.filter((t): t is string => typeof t === "string" && Number.isFinite(Date.parse(t)));
  return known.sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, event: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ValidationError(`not a ${event} payload: ${issue.path.join(".") || "(body)"}: ${issue.message}`);
}

/** A deployment status: success and failure finish the deployment; `inactive` (set when a newer one succeeds) changes nothing. */
function deploymentStatus(payload: unknown): MappedEvent {
  const {
    deployment_status: s,
    deployment: d,
    repository,
  } = parse(DeploymentStatusEvent, payload, "deployment_status");
  const state = s.state.toLowerCase();
  if (state === "inactive") return { ignored: "an inactive status only says a newer deployment succeeded" };
  const status = state === "success" ? "success" : state === "failure" || state === "error" ? "failure" : "in_progress";
  const finished = status !== "in_progress";
  const finishedAt = finished && Date.parse(s.created_at) < Date.parse(d.created_at) ? d.created_at : s.created_at;
  return {
    asOf: s.created_at,
    records: [
      {
        type: "deployment",
        id: deploymentId(d.id),
        repositoryId: repository.full_name,
        environment: d.environment || "production",
        status,
        createdAt: d.created_at,
        finishedAt: finished ? finishedAt : null,
        sha: d.sha ?? null,
        url: finished ? (s.log_url ?? s.target_url ?? null) : null,
      },
    ],
  };
}

/** A workflow run, with the GitHub collector's status mapping and id. */
function workflowRun(payload: unknown): MappedEvent {
  const { workflow_run: run, workflow, repository } = parse(WorkflowRunEvent, payload, "workflow_run");
  const status = runStatus((run.status ?? "").toUpperCase(), run.conclusion ? run.conclusion.toUpperCase() : null);
  return {
    asOf: run.updated_at,
    records: [
      {
        type: "ci_run",
        id: workflowRunId(run.id),
        repositoryId: repository.full_name,
        workflow: workflow?.name ?? run.name ?? "workflow",
        status,
        startedAt: run.created_at,
        finishedAt: status === "in_progress" ? null : run.updated_at,
        headSha: run.head_sha ?? null,
        branch: run.head_branch ?? null,
        event: run.event ?? null,
        url: run.html_url ?? null,
      },
    ],
  };
}

/** A pull request as it is now. Webhooks do not carry the first commit, so `firstCommitAt` waits for the next collector sync. */
function pullRequest(payload: unknown): MappedEvent {
  const { pull_request: pr, repository } = parse(PullRequestEvent, payload, "pull_request");
  const author = pr.user ? personId(pr.user.login, pr.user.type === "Bot") : GHOST_LOGIN;
  return {
    asOf: pr.updated_at ?? latest([pr.created_at, pr.merged_at, pr.closed_at]),
    records: [
      {
        type: "pull_request",
        repositoryId: repository.full_name,
        number: pr.number,
        authorId: author,
        createdAt: pr.created_at,
        mergedAt: pr.merged_at ?? null,
        closedAt: pr.closed_at ?? null,
        baseBranch: pr.base.ref,
        // Before a merge, merge_commit_sha is GitHub's test merge, not a commit of the branch.
        mergeCommitSha: pr.merged_at ? (pr.merge_commit_sha ?? null) : null,
        url: pr.html_url ?? null,
      },
    ],
  };
}

/** An issue carrying an incident label (any case) becomes an incident, exactly as the GitHub collector maps it. */
function issue(payload: unknown, incidentLabels: readonly string[]): MappedEvent {
  const { issue: i, repository } = parse(IssuesEvent, payload, "issues");
  if (i.pull_request !== undefined) return { ignored: "a pull request's issue event" };
  const labels = (i.labels ?? []).map((l) => l.name);
  const wanted = new Set(incidentLabels.map((l) => l.toLowerCase()));
  if (!labels.some((l) => wanted.has(l.toLowerCase())))
    return { ignored: `the issue has no incident label (${incidentLabels.join(", ")})` };
  const node = {
    number: i.number,
    title: i.title,
    state: i.state.toUpperCase(),
    createdAt: i.created_at,
    updatedAt: i.updated_at,
    closedAt: i.closed_at ?? null,
    url: i.html_url,
    labels: { nodes: labels.map((name) => ({ name })) },
  };
  return { asOf: i.updated_at, records: [mapIncident(repository.full_name, node)] };
}

/**
 * A new repository. Other repository events are not stored: a record replaces
 * the whole row, and the webhook knows nothing of the team the collector gave it.
 */
function repositoryEvent(payload: unknown): MappedEvent {
  const { action, repository: r } = parse(RepositoryEvent, payload, "repository");
  if (action !== "created") return { ignored: `repository ${action}: the next sync updates the repository` };
  if (!r.created_at) throw new ValidationError("not a repository payload: repository.created_at: Required");
  return {
    asOf: r.created_at,
    records: [
      {
        type: "repository",
        id: r.full_name,
        name: r.full_name,
        createdAt: r.created_at,
        defaultBranch: r.default_branch ?? null,
        url: r.html_url ?? null,
        isTemplate: r.is_template ?? null,
      },
    ],
  };
}

/** The GitHub webhook events Altimeter ingests. */
export const GITHUB_EVENTS = ["deployment_status", "workflow_run", "pull_request", "issues", "repository"] as const;

/** Maps one GitHub webhook payload (already verified) to event-format records. */
export function mapGithubEvent(event: string, payload: unknown, incidentLabels: readonly string[]): MappedEvent {
  switch (event) {
    case "deployment_status":
      return deploymentStatus(payload);
    case "workflow_run":
      return workflowRun(payload);
    case "pull_request":
      return pullRequest(payload);
    case "issues":
      return issue(payload, incidentLabels);
    case "repository":
      return repositoryEvent(payload);
    default:
      return { ignored: `${event} events are not ingested (only ${GITHUB_EVENTS.join(", ")})` };
  }
}
