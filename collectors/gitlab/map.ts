import { z } from "zod";
import type { DeploymentStatus } from "@/lib/events/types";
import type { Author } from "../github/map-people";
import { GHOST_USERNAME, gitlabDeploymentId, usernameFromEmail } from "./ids";

/** `GET /groups/:id` and `/groups/:id/descendant_groups` items. */
export const GroupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  full_path: z.string(),
  parent_id: z.number().int().nullish(),
});
export type GitlabGroup = z.infer<typeof GroupSchema>;

/** `GET /groups/:id/members` items. */
export const MemberSchema = z.object({ id: z.number().int(), username: z.string().min(1), name: z.string().nullish() });

/** `GET /groups/:id/projects` and `GET /projects/:id`. */
export const ProjectSchema = z.object({
  id: z.number().int(),
  path_with_namespace: z.string(),
  created_at: z.string(),
  default_branch: z.string().nullish(),
  web_url: z.string().nullish(),
  archived: z.boolean().nullish(),
  namespace: z.object({ full_path: z.string(), kind: z.string().nullish() }).nullish(),
});
export type GitlabProject = z.infer<typeof ProjectSchema>;

/** `GET /projects/:id/repository/commits` items. */
export const CommitSchema = z.object({
  id: z.string(),
  parent_ids: z.array(z.string()).nullish(),
  authored_date: z.string(),
  committed_date: z.string().nullish(),
  author_email: z.string().nullish(),
});

/** `GET /projects/:id/deployments` items. */
export const DeploymentSchema = z.object({
  id: z.number().int(),
  sha: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  status: z.string(),
  environment: z.object({ name: z.string() }).nullish(),
  deployable: z.object({ finished_at: z.string().nullish(), web_url: z.string().nullish() }).nullish(),
});

/** A merge request node of the GraphQL `project.mergeRequests` connection. */
export const MergeRequestNodeSchema = z.object({
  iid: z.string(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  mergedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  targetBranch: z.string(),
  mergeCommitSha: z.string().nullable(),
  squashCommitSha: z.string().nullable(),
  webUrl: z.string().nullable(),
  author: z.object({ username: z.string(), name: z.string().nullable(), bot: z.boolean() }).nullable(),
  labels: z.object({ nodes: z.array(z.object({ title: z.string() }).nullable()).nullable() }).nullable(),
  commitsWithoutMergeCommits: z
    .object({ nodes: z.array(z.object({ authoredDate: z.string().nullable() }).nullable()).nullable() })
    .nullable(),
});
export type MergeRequestNode = z.infer<typeof MergeRequestNodeSchema>;

/** The `repository` record of a project; its team is its group when the group is collected. */
export function mapProject(p: GitlabProject, teams: ReadonlySet<string>): object {
  const group = p.namespace?.full_path ?? null;
  return {
    type: "repository",
    id: p.path_with_namespace,
    name: p.path_with_namespace,
    createdAt: p.created_at,
    teamId: group && teams.has(group) ? group : null,
    defaultBranch: p.default_branch ?? null,
    url: p.web_url ?? null,
  };
}

/** A merge request as a `pull_request`: first commit = authored date of its oldest commit. */
export function mapMergeRequest(repositoryId: string, n: MergeRequestNode): { record: object; author: Author | null } {
  const author = n.author ? { id: n.author.username, name: n.author.name, isBot: n.author.bot } : null;
  const first = n.commitsWithoutMergeCommits?.nodes?.find((c) => c?.authoredDate)?.authoredDate ?? null;
  return {
    record: {
      type: "pull_request",
      repositoryId,
      number: Number(n.iid),
      authorId: author?.id ?? GHOST_USERNAME,
      createdAt: n.createdAt,
      firstCommitAt: first,
      mergedAt: n.mergedAt,
      // GitLab leaves closedAt empty on merged merge requests; a merge closes it.
      closedAt: n.closedAt ?? n.mergedAt,
      baseBranch: n.targetBranch,
      // A squash merge may record its squash commit on the target branch, and no merge commit.
      mergeCommitSha: n.mergeCommitSha ?? n.squashCommitSha,
      url: n.webUrl,
      title: n.title,
      labels: (n.labels?.nodes ?? []).flatMap((l) => (l ? [l.title] : [])),
    },
    author,
  };
}

/** A default-branch commit with its parents; the author only when a no-reply address names the username. */
export function mapCommit(repositoryId: string, c: z.infer<typeof CommitSchema>): object {
  return {
    type: "commit",
    repositoryId,
    sha: c.id,
    authoredAt: c.authored_date,
    authorId: usernameFromEmail(c.author_email),
    committedAt: c.committed_date ?? null,
    parents: c.parent_ids ?? [],
  };
}

const DEPLOYMENT_STATUS: Record<string, DeploymentStatus> = {
  success: "success",
  failed: "failure",
  canceled: "cancelled",
  skipped: "cancelled",
};

/** A GitLab deployment status as the event format's: created, running and blocked are in progress. */
export function deploymentStatus(status: string): DeploymentStatus {
  return DEPLOYMENT_STATUS[status] ?? "in_progress";
}

/** A deployment: success/failed/canceled are final (finished when its job finished); created, running and blocked are in progress. */
export function mapDeployment(repositoryId: string, d: z.infer<typeof DeploymentSchema>): object {
  const status = deploymentStatus(d.status);
  const finished = status === "in_progress" ? null : (d.deployable?.finished_at ?? d.updated_at);
  return {
    type: "deployment",
    id: gitlabDeploymentId(d.id),
    repositoryId,
    environment: d.environment?.name || "production",
    status,
    createdAt: d.created_at,
    finishedAt: finished && Date.parse(finished) < Date.parse(d.created_at) ? d.created_at : finished,
    sha: d.sha ?? null,
    url: d.deployable?.web_url ?? null,
  };
}
