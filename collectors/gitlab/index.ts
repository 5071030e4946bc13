import type { Collector } from "../types";
import { type GitlabConfig, GitlabConfigSchema } from "./config";
import { type GitlabDeps, syncGitlab } from "./sync";

export { GITLAB_URL, type GitlabConfig, GitlabConfigSchema } from "./config";
export type { GitlabDeps } from "./sync";

/**
 * A GitLab collector. `deps` exist for tests (an environment, a sleep that
 * does not wait); the CLI and the scheduler use {@link gitlabCollector}.
 */
export function createGitlabCollector(deps: GitlabDeps = {}): Collector<GitlabConfig> {
  return { kind: "gitlab", collect: (ctx, config) => syncGitlab(ctx, GitlabConfigSchema.parse(config), deps) };
}

/**
 * Collects a GitLab group's subgroups (teams), members, projects, merge
 * requests, default-branch commits, deployments and pipelines
 * (collectors/gitlab/README.md).
 */
export const gitlabCollector: Collector<GitlabConfig> = createGitlabCollector();
