/**
 * Builders of raw event-format records (as a user would write them), with
 * defaults and overrides. Timestamps are RFC 3339 strings.
 */
type Fields = Record<string, unknown>;

let sequence = 0;
const next = (prefix: string) => `${prefix}-${++sequence}`;

export const team = (o: Fields = {}) => ({ type: "team", id: next("team"), name: "A team", ...o });

export const repository = (o: Fields = {}) => ({
  type: "repository",
  id: next("repo"),
  name: "acme/service",
  createdAt: "2020-01-01T00:00:00Z",
  defaultBranch: "main",
  ...o,
});

export const person = (o: Fields = {}) => ({ type: "person", id: next("person"), ...o });

export const commit = (o: Fields = {}) => ({
  type: "commit",
  repositoryId: "repo",
  sha: next("sha"),
  authoredAt: "2026-01-01T00:00:00Z",
  ...o,
});

export const pullRequest = (o: Fields = {}) => ({
  type: "pull_request",
  repositoryId: "repo",
  number: ++sequence,
  authorId: "someone",
  createdAt: "2026-01-01T00:00:00Z",
  ...o,
});

export const deployment = (o: Fields = {}) => {
  const finishedAt = (o.finishedAt as string | undefined) ?? "2026-01-01T01:00:00Z";
  return {
    type: "deployment",
    id: next("dep"),
    repositoryId: "repo",
    environment: "production",
    status: "success",
    createdAt: (o.createdAt as string | undefined) ?? finishedAt,
    finishedAt,
    ...o,
  };
};

export const ciRun = (o: Fields = {}) => ({
  type: "ci_run",
  id: next("run"),
  repositoryId: "repo",
  workflow: "ci",
  status: "success",
  startedAt: "2026-01-01T00:00:00Z",
  ...o,
});

export const incident = (o: Fields = {}) => ({
  type: "incident",
  id: next("inc"),
  openedAt: "2026-01-01T00:00:00Z",
  ...o,
});

export const repositoryFiles = (o: Fields = {}) => ({
  type: "repository_files",
  repositoryId: "repo",
  observedAt: "2026-01-01T00:00:00Z",
  files: [{ path: "README.md" }],
  ...o,
});
