import type { Collector } from "../types";
import { GithubConfigSchema, type GithubConfig } from "./config";
import { syncGithub, type GithubDeps } from "./sync";

export { GithubConfigSchema, GITHUB_API_URL, type GithubConfig } from "./config";
export type { GithubDeps } from "./sync";

/**
 * A GitHub collector. `deps` exist for tests (an environment, a sleep that
 * does not wait); the CLI and the scheduler use {@link githubCollector}.
 */
export function createGithubCollector(deps: GithubDeps = {}): Collector<GithubConfig> {
  return {
    kind: "github",
    collect: (ctx, config) => syncGithub(ctx, GithubConfigSchema.parse(config), deps),
  };
}

/**
 * Collects an organisation's teams, repositories, pull requests, commits,
 * deployments, workflow runs, incident issues, releases and file snapshots
 * from GitHub's GraphQL API (collectors/github/README.md).
 */
export const githubCollector: Collector<GithubConfig> = createGithubCollector();
