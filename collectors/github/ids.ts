/**
 * Event-format ids of GitHub objects. The collector and the GitHub webhook
 * must agree on them, so that a deployment seen by both is one record.
 * Repository ids are `owner/name`, team ids slugs, person ids logins.
 */

/** A deployment, by its REST/GraphQL database id (the webhook's `deployment.id`). */
export function deploymentId(databaseId: number): string {
  return `github:deployment:${databaseId}`;
}

/** A release standing in for a deployment, by its database id. */
export function releaseDeploymentId(databaseId: number): string {
  return `github:release:${databaseId}`;
}

/** An Actions workflow run, by its database id (the webhook's `workflow_run.id`). */
export function workflowRunId(databaseId: number): string {
  return `github:run:${databaseId}`;
}

/** An issue labelled as an incident: `github:issue:owner/name#12`. */
export function issueIncidentId(repositoryId: string, number: number): string {
  return `github:issue:${repositoryId}#${number}`;
}

/**
 * A person's id: the login, and a bot's as `name[bot]` (GraphQL gives a bot's
 * login without the suffix, REST and webhooks with it).
 */
export function personId(login: string, isBot: boolean): string {
  return isBot && !login.endsWith("[bot]") ? `${login}[bot]` : login;
}

/** GitHub shows a deleted account as this user; a pull request always needs an author. */
export const GHOST_LOGIN = "ghost";
