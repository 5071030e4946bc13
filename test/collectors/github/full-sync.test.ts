import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DOCUMENTS } from "@/collectors/github/queries";
import { freshDatabase } from "../../support/db";
import { smallOrg } from "./support/fixtures";
import { storedRecords, SYNC_NOW, syncFake, type SyncRun } from "./support/harness";
import { startFakeGithub, type FakeGithub } from "./support/server";

const ms = (iso: string) => Date.parse(iso);
const store = await freshDatabase();
let fake: FakeGithub;
let run: SyncRun;
let stored: Awaited<ReturnType<typeof storedRecords>>;

beforeAll(async () => {
  fake = await startFakeGithub(smallOrg());
  run = await syncFake(store.db, fake);
  stored = await storedRecords(store.db);
});
afterAll(async () => {
  await fake.close();
  await store.dispose();
});

describe("a full GitHub sync of a small organisation", () => {
  test("ends ok, one request for the organisation and one per repository (two more to walk a monorepo's folders), and counts the rate-limit points GitHub charges (2 + 3 × 6 + 2)", () => {
    expect(run.result).toMatchObject({
      source: "github",
      status: "ok",
      failures: [],
      requests: 6,
      rateLimitPoints: 22,
    });
    const operations = fake.requests.map((r) => r.operation);
    expect(operations.filter((o) => o === "AltimeterRepository")).toHaveLength(3);
    // checkout's apps/ and src/ are walked (one request) and apps/web/fly.toml's text read (one more).
    expect(operations.filter((o) => o === "AltimeterTree")).toHaveLength(1);
    expect(operations.filter((o) => o === "AltimeterBlobs")).toHaveLength(1);
    expect(run.result.records).toEqual({
      team: 3,
      person: 5,
      repository: 3,
      repository_files: 2,
      pull_request: 4,
      commit: 4,
      ci_run: 2,
      deployment: 7,
      incident: 2,
    });
  });

  test("every document the server received is one of the validated documents", () => {
    const names = Object.values(DOCUMENTS).map((d) => /query (\w+)/.exec(d)![1]);
    expect(fake.requests.every((r) => names.includes(r.operation))).toBe(true);
  });

  test("teams keep their parents; a repository belongs to the team with the highest permission, ties to the first slug", () => {
    expect(stored.teams).toEqual([
      { id: "payments", name: "Payments", parent_id: null },
      { id: "payments-oncall", name: "Payments on-call", parent_id: "payments" },
      { id: "platform", name: "Platform", parent_id: null },
    ]);
    expect(stored.repositories.map((r) => [r.id, r.team_id])).toEqual([
      ["acme/checkout", "payments"],
      ["acme/from-template", null],
      ["acme/tools", "platform"],
    ]);
  });

  test("repositories carry creation, default branch, template flag and the template they came from; forks are skipped", () => {
    expect(stored.repositories).toEqual([
      {
        id: "acme/checkout",
        name: "acme/checkout",
        created_at: ms("2025-01-10T09:00:00Z"),
        team_id: "payments",
        default_branch: "main",
        url: "https://github.com/acme/checkout",
        is_template: 0,
        template_id: null,
      },
      {
        id: "acme/from-template",
        name: "acme/from-template",
        created_at: ms("2026-03-01T00:00:00Z"),
        team_id: null,
        default_branch: null,
        url: "https://github.com/acme/from-template",
        is_template: 0,
        template_id: "acme/tools",
      },
      {
        id: "acme/tools",
        name: "acme/tools",
        created_at: ms("2024-06-01T00:00:00Z"),
        team_id: "platform",
        default_branch: "trunk",
        url: "https://github.com/acme/tools",
        is_template: 1,
        template_id: null,
      },
    ]);
  });

  test("members get their first team by slug; other authors are recorded bare, bots as name[bot]", () => {
    expect(stored.people).toEqual([
      { id: "alice", name: "Alice Archer", team_id: "payments", joined_at: null, is_bot: 0 },
      { id: "bob", name: null, team_id: "payments", joined_at: null, is_bot: 0 },
      { id: "carol", name: "Carol Chen", team_id: "platform", joined_at: null, is_bot: 0 },
      { id: "dave", name: "Dave Doe", team_id: null, joined_at: null, is_bot: 0 },
      { id: "dependabot[bot]", name: null, team_id: null, joined_at: null, is_bot: 1 },
    ]);
  });

  test("pull requests carry author, times, base branch, merge commit and their first commit's authored date", () => {
    expect(stored.pull_requests).toEqual([
      {
        repository_id: "acme/checkout",
        number: 1,
        author_id: "alice",
        created_at: ms("2026-03-01T10:00:00Z"),
        first_commit_at: ms("2026-02-28T08:00:00Z"),
        merged_at: ms("2026-03-02T12:00:00Z"),
        closed_at: ms("2026-03-02T12:00:00Z"),
        base_branch: "main",
        merge_commit_sha: "c3",
        url: "https://github.com/acme/checkout/pull/1",
        title: "Hotfix: checkout total rounding",
        labels: '["hotfix","payments"]',
      },
      {
        repository_id: "acme/checkout",
        number: 2,
        author_id: "dependabot[bot]",
        created_at: ms("2026-03-03T06:00:00Z"),
        first_commit_at: ms("2026-03-03T05:59:00Z"),
        merged_at: null,
        closed_at: ms("2026-03-03T07:00:00Z"),
        base_branch: "main",
        merge_commit_sha: null,
        url: "https://github.com/acme/checkout/pull/2",
        title: "Pull request 2",
        labels: "[]",
      },
      {
        repository_id: "acme/checkout",
        number: 3,
        author_id: "dave",
        created_at: ms("2026-03-04T15:00:00Z"),
        first_commit_at: null,
        merged_at: null,
        closed_at: null,
        base_branch: "release",
        merge_commit_sha: null,
        url: "https://github.com/acme/checkout/pull/3",
        title: "Pull request 3",
        labels: "[]",
      },
      {
        repository_id: "acme/checkout",
        number: 4,
        author_id: "ghost",
        created_at: ms("2026-02-01T15:00:00Z"),
        first_commit_at: ms("2026-02-01T14:00:00Z"),
        merged_at: ms("2026-02-01T16:00:00Z"),
        closed_at: ms("2026-02-01T16:00:00Z"),
        base_branch: "main",
        merge_commit_sha: "c1",
        url: "https://github.com/acme/checkout/pull/4",
        title: "Pull request 4",
        labels: "[]",
      },
    ]);
  });

  test("default-branch commits, with Actions workflow runs from their check suites (other apps' suites left out)", () => {
    expect(stored.commits).toEqual([
      {
        repository_id: "acme/checkout",
        sha: "c1",
        authored_at: ms("2026-02-01T14:00:00Z"),
        author_id: null,
        committed_at: ms("2026-02-01T16:00:00Z"),
        parents: "[]",
      },
      {
        repository_id: "acme/checkout",
        sha: "c2",
        authored_at: ms("2026-02-20T09:00:00Z"),
        author_id: "carol",
        committed_at: ms("2026-02-20T09:05:00Z"),
        parents: '["c1"]',
      },
      {
        repository_id: "acme/checkout",
        sha: "c3",
        authored_at: ms("2026-03-01T09:00:00Z"),
        author_id: "alice",
        committed_at: ms("2026-03-02T12:00:00Z"),
        parents: '["c2","c2b"]',
      },
      {
        repository_id: "acme/tools",
        sha: "t1",
        authored_at: ms("2026-01-15T00:00:00Z"),
        author_id: "carol",
        committed_at: ms("2026-01-15T00:00:00Z"),
        parents: "[]",
      },
    ]);
    expect(stored.ci_runs).toEqual([
      {
        id: "github:run:902",
        repository_id: "acme/checkout",
        workflow: "ci",
        status: "success",
        started_at: ms("2026-02-20T09:06:00Z"),
        finished_at: ms("2026-02-20T09:16:00Z"),
        head_sha: "c2",
        branch: "main",
        event: "push",
        url: "https://github.com/acme/checkout/actions/runs/902",
      },
      {
        id: "github:run:903",
        repository_id: "acme/checkout",
        workflow: "ci",
        status: "failure",
        started_at: ms("2026-03-02T12:01:00Z"),
        finished_at: ms("2026-03-02T12:09:00Z"),
        head_sha: "c3",
        branch: "main",
        event: "push",
        url: "https://github.com/acme/checkout/actions/runs/903",
      },
    ]);
  });

  test("a deployment made INACTIVE after SUCCESS is a success finished at that status; FAILURE and ERROR are failures; QUEUED is in progress", () => {
    const byId = Object.fromEntries(stored.deployments.map((d) => [d.id, [d.environment, d.status, d.finished_at]]));
    expect(byId).toEqual({
      "github:deployment:501": ["production", "success", ms("2026-02-01T16:20:00Z")],
      "github:deployment:502": ["production", "success", ms("2026-02-20T09:25:00Z")],
      "github:deployment:503": ["production", "failure", ms("2026-03-02T12:15:00Z")],
      "github:deployment:504": ["staging", "failure", ms("2026-03-02T12:21:00Z")],
      "github:deployment:505": ["production", "success", ms("2026-03-02T12:29:00Z")],
      "github:deployment:506": ["production", "in_progress", null],
      "github:release:801": ["production", "success", ms("2026-01-10T01:00:00Z")],
    });
    expect(stored.deployments[0]).toMatchObject({
      created_at: ms("2026-02-01T16:10:00Z"),
      sha: "c1",
      url: "https://ci.example.com/501",
    });
  });

  test("releases stand in for deployments only where there are none, drafts and prereleases left out", () => {
    const releases = stored.deployments.filter((d) => String(d.id).startsWith("github:release:"));
    expect(releases).toEqual([
      {
        id: "github:release:801",
        repository_id: "acme/tools",
        environment: "production",
        status: "success",
        created_at: ms("2026-01-10T01:00:00Z"),
        finished_at: ms("2026-01-10T01:00:00Z"),
        sha: "t1",
        url: "https://github.com/acme/tools/releases/tag/v1",
      },
    ]);
  });

  test("issues with an incident label (any case) are incidents: opened when created, resolved when closed, severity from a label", () => {
    expect(stored.incidents).toEqual([
      {
        id: "github:issue:acme/checkout#10",
        opened_at: ms("2026-03-02T12:40:00Z"),
        title: "Checkout down",
        severity: "sev1",
        resolved_at: ms("2026-03-02T14:00:00Z"),
        repository_id: "acme/checkout",
        team_id: null,
        deployment_id: null,
        cause_sha: null,
        fix_deployment_id: null,
        source: "github",
        url: "https://github.com/acme/checkout/issues/10",
      },
      {
        id: "github:issue:acme/checkout#11",
        opened_at: ms("2026-03-04T08:00:00Z"),
        title: "Slow payments",
        severity: null,
        resolved_at: null,
        repository_id: "acme/checkout",
        team_id: null,
        deployment_id: null,
        cause_sha: null,
        fix_deployment_id: null,
        source: "github",
        url: "https://github.com/acme/checkout/issues/11",
      },
    ]);
  });

  test("the file snapshot lists the root, conventional folders and a monorepo's configs (apps/web/fly.toml, as git finds it), with the text of configs up to 64 KB only", () => {
    const snapshots = Object.fromEntries(
      stored.repository_files.map((s) => [
        s.repository_id,
        { observedAt: s.observed_at, files: JSON.parse(String(s.files)) },
      ]),
    );
    expect(Object.keys(snapshots)).toEqual(["acme/checkout", "acme/tools"]);
    expect(snapshots["acme/checkout"]!.observedAt).toBe(SYNC_NOW);
    expect(snapshots["acme/checkout"]!.files).toEqual([
      { path: ".github/dependabot.yml", content: "version: 2\n" },
      { path: ".github/workflows/ci.yml", content: expect.stringContaining("runs-on: ubuntu-latest") },
      { path: "Dockerfile", content: "FROM node:20\n" },
      { path: "README.md" },
      { path: "apps/web/fly.toml", content: "app = 'web'\n" },
      { path: "catalog-info.yaml", content: expect.stringContaining("kind: Component") },
      { path: "deploy/logo.png" },
      { path: "k8s/base/deployment.yaml", content: "kind: Deployment\n" },
      { path: "k8s/huge.yaml" },
    ]);
    expect(snapshots["acme/tools"]!.files).toEqual([
      { path: "fly.toml", content: "app = 'tools'\n" },
      { path: "infra/main.tf", content: 'resource "x" "y" {}\n' },
    ]);
  });

  test("progress is reported per repository and stream", () => {
    expect(run.progress).toContainEqual({
      source: "github",
      scope: "acme/checkout",
      stream: "pull requests",
      done: 4,
      total: 4,
    });
    expect(run.progress).toContainEqual({ source: "github", scope: "acme/tools", done: 3, total: 3 });
  });
});
