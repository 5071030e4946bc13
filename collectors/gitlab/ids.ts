/**
 * Event-format ids of GitLab objects. The collector and the GitLab webhook
 * must agree on them, so that a deployment seen by both is one record.
 * Repository ids are project full paths (`group/sub/project`), team ids group
 * full paths, person ids usernames.
 */

/** A deployment, by its instance-wide id (the webhook's `deployment_id`). */
export function gitlabDeploymentId(id: number): string {
  return `gitlab:deployment:${id}`;
}

/** A release standing in for a deployment: `gitlab:release:group/project@v1.2.0`. */
export function gitlabReleaseId(projectPath: string, tag: string): string {
  return `gitlab:release:${projectPath}@${tag}`;
}

/** A pipeline, by its instance-wide id. */
export function gitlabPipelineId(id: number): string {
  return `gitlab:pipeline:${id}`;
}

/** An incident issue: `gitlab:issue:group/project#12`. */
export function gitlabIssueId(projectPath: string, iid: number): string {
  return `gitlab:issue:${projectPath}#${iid}`;
}

/** GitLab shows a deleted account as this user; a merge request always needs an author. */
export const GHOST_USERNAME = "ghost";

/**
 * The username behind a GitLab no-reply commit e-mail
 * (`12345-jane@users.noreply.gitlab.com` → `jane`); null for any other address,
 * since a username cannot be told from it.
 */
export function usernameFromEmail(email: string | null | undefined): string | null {
  const m = /^(?:\d+-)?([^@]+)@users\.noreply\./i.exec(email?.trim() ?? "");
  return m ? m[1]!.toLowerCase() : null;
}
