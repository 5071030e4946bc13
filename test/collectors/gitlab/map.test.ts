import { describe, expect, test } from "vitest";
import { mapCommit, mapDeployment, mapMergeRequest } from "@/collectors/gitlab/map";
import { mapIssueNode, pipelineStatus } from "@/collectors/gitlab/map-graphql";
import { usernameFromEmail } from "@/collectors/gitlab/ids";

describe("GitLab records in the event format", () => {
  test("a merge request keeps its title, labels, target branch, merge (or squash) commit and oldest commit", () => {
    const { record, author } = mapMergeRequest("acme/api", {
      iid: "42",
      title: "Revert: bad cache",
      createdAt: "2026-01-02T10:00:00.000Z",
      updatedAt: "2026-01-02T12:00:00.000Z",
      mergedAt: "2026-01-02T11:00:00.000Z",
      closedAt: null,
      targetBranch: "main",
      mergeCommitSha: null,
      squashCommitSha: "abc123",
      webUrl: "https://gitlab.example/acme/api/-/merge_requests/42",
      author: { username: "jane", name: "Jane", bot: false },
      labels: { nodes: [{ title: "hotfix" }, null] },
      commitsWithoutMergeCommits: { nodes: [{ authoredDate: "2026-01-01T09:00:00.000Z" }] },
    });
    expect(record).toEqual({
      type: "pull_request",
      repositoryId: "acme/api",
      number: 42,
      authorId: "jane",
      createdAt: "2026-01-02T10:00:00.000Z",
      firstCommitAt: "2026-01-01T09:00:00.000Z",
      mergedAt: "2026-01-02T11:00:00.000Z",
      closedAt: "2026-01-02T11:00:00.000Z",
      baseBranch: "main",
      mergeCommitSha: "abc123",
      url: "https://gitlab.example/acme/api/-/merge_requests/42",
      title: "Revert: bad cache",
      labels: ["hotfix"],
    });
    expect(author).toEqual({ id: "jane", name: "Jane", isBot: false });
  });

  test("a commit carries its parents, and an author only when a no-reply address names the username", () => {
    expect(
      mapCommit("acme/api", {
        id: "c2",
        parent_ids: ["c1", "m1"],
        authored_date: "2026-01-01T09:00:00.000+01:00",
        committed_date: "2026-01-01T10:00:00.000+01:00",
        author_email: "1234-jane@users.noreply.gitlab.com",
      }),
    ).toEqual({
      type: "commit",
      repositoryId: "acme/api",
      sha: "c2",
      authoredAt: "2026-01-01T09:00:00.000+01:00",
      authorId: "jane",
      committedAt: "2026-01-01T10:00:00.000+01:00",
      parents: ["c1", "m1"],
    });
    expect(usernameFromEmail("jane@acme.example")).toBeNull();
  });

  test("deployment and pipeline statuses map onto the event format's", () => {
    const deployment = (status: string) =>
      mapDeployment("acme/api", {
        id: 7,
        sha: "c2",
        created_at: "2026-01-01T10:00:00Z",
        updated_at: "2026-01-01T10:05:00Z",
        status,
        environment: { name: "production" },
        deployable: { finished_at: "2026-01-01T10:04:00Z", web_url: "https://gitlab.example/job/1" },
      }) as { status: string; finishedAt: string | null };
    expect(["success", "failed", "canceled", "running", "created", "blocked"].map((s) => deployment(s).status)).toEqual(
      ["success", "failure", "cancelled", "in_progress", "in_progress", "in_progress"],
    );
    expect(deployment("success").finishedAt).toBe("2026-01-01T10:04:00Z");
    expect(deployment("running").finishedAt).toBeNull();
    expect(["success", "failed", "canceled", "skipped", "manual", "running", "pending"].map(pipelineStatus)).toEqual([
      "success",
      "failure",
      "cancelled",
      "skipped",
      "skipped",
      "in_progress",
      "in_progress",
    ]);
  });

  test("an incident issue belongs to its project and group, resolved when closed, severity from a label when GitLab's is unknown", () => {
    expect(
      mapIssueNode("acme/api", "acme", {
        iid: "3",
        title: "Checkout down",
        state: "closed",
        createdAt: "2026-01-01T10:00:00Z",
        updatedAt: "2026-01-01T12:00:00Z",
        closedAt: "2026-01-01T11:30:00Z",
        webUrl: "https://gitlab.example/acme/api/-/issues/3",
        severity: "UNKNOWN",
        labels: { nodes: [{ title: "severity::1" }] },
      }),
    ).toEqual({
      type: "incident",
      id: "gitlab:issue:acme/api#3",
      openedAt: "2026-01-01T10:00:00Z",
      title: "Checkout down",
      severity: "severity::1",
      resolvedAt: "2026-01-01T11:30:00Z",
      repositoryId: "acme/api",
      teamId: "acme",
      source: "gitlab",
      url: "https://gitlab.example/acme/api/-/issues/3",
    });
  });
});
