/**
 * Fixture organisations: a small hand-written one whose every stored record a
 * test can spell out, and generated ones of any size for paging, incremental
 * and interrupted syncs.
 */
import type { FakeCommit, FakeDeployment, FakeOrg, FakePull, FakeRepo } from "./model";
import { HOUR_MS } from "@/lib/time";

const WORKFLOW =
  "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n";
const CATALOG =
  "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout\nspec:\n  owner: payments\n";

/**
 * acme: three teams, users, two bots; repositories checkout (deployments with
 * INACTIVE-after-SUCCESS, a failure, an error, one in progress; incidents; a
 * bot's pull request; files), tools (a template without deployments: releases
 * stand in), from-template (generated from tools, empty) and a fork (skipped).
 */
export function smallOrg(): FakeOrg {
  const checkout: FakeRepo = {
    owner: "acme",
    name: "checkout",
    createdAt: "2025-01-10T09:00:00Z",
    pushedAt: "2026-03-05T10:00:00Z",
    defaultBranch: "main",
    pulls: [
      {
        number: 1,
        author: "alice",
        title: "Hotfix: checkout total rounding",
        labels: ["hotfix", "payments"],
        createdAt: "2026-03-01T10:00:00Z",
        updatedAt: "2026-03-02T12:00:00Z",
        mergedAt: "2026-03-02T12:00:00Z",
        closedAt: "2026-03-02T12:00:00Z",
        baseRefName: "main",
        mergeCommit: "c3",
        commitDates: ["2026-02-28T08:00:00Z", "2026-03-01T09:00:00Z"],
      },
      {
        number: 2,
        author: "dependabot",
        createdAt: "2026-03-03T06:00:00Z",
        updatedAt: "2026-03-03T07:00:00Z",
        closedAt: "2026-03-03T07:00:00Z",
        baseRefName: "main",
        commitDates: ["2026-03-03T05:59:00Z"],
      },
      {
        number: 3,
        author: "dave",
        createdAt: "2026-03-04T15:00:00Z",
        updatedAt: "2026-03-04T15:30:00Z",
        baseRefName: "release",
        commitDates: [],
      },
      {
        number: 4,
        author: null,
        createdAt: "2026-02-01T15:00:00Z",
        updatedAt: "2026-02-01T16:00:00Z",
        mergedAt: "2026-02-01T16:00:00Z",
        closedAt: "2026-02-01T16:00:00Z",
        baseRefName: "main",
        mergeCommit: "c1",
        commitDates: ["2026-02-01T14:00:00Z"],
      },
    ],
    commits: [
      {
        oid: "c3",
        authoredDate: "2026-03-01T09:00:00Z",
        committedDate: "2026-03-02T12:00:00Z",
        // A merge commit: the branch's head (c2b, not on the default branch's page) is its second parent.
        parents: ["c2", "c2b"],
        author: "alice",
        suites: [
          {
            runId: 903,
            workflow: "ci",
            status: "COMPLETED",
            conclusion: "FAILURE",
            createdAt: "2026-03-02T12:01:00Z",
            updatedAt: "2026-03-02T12:09:00Z",
            event: "push",
            branch: "main",
          },
          {
            workflow: "codecov",
            status: "COMPLETED",
            conclusion: "SUCCESS",
            createdAt: "2026-03-02T12:01:00Z",
            updatedAt: "2026-03-02T12:02:00Z",
            event: "push",
            branch: "main",
          },
        ],
      },
      {
        oid: "c2",
        authoredDate: "2026-02-20T09:00:00Z",
        committedDate: "2026-02-20T09:05:00Z",
        author: "carol",
        suites: [
          {
            runId: 902,
            workflow: "ci",
            status: "COMPLETED",
            conclusion: "SUCCESS",
            createdAt: "2026-02-20T09:06:00Z",
            updatedAt: "2026-02-20T09:16:00Z",
            event: "push",
            branch: "main",
          },
        ],
      },
      { oid: "c1", authoredDate: "2026-02-01T14:00:00Z", committedDate: "2026-02-01T16:00:00Z", suites: [] },
    ],
    deployments: [
      {
        id: 501,
        createdAt: "2026-02-01T16:10:00Z",
        environment: "production",
        commitOid: "c1",
        statuses: [
          { state: "IN_PROGRESS", createdAt: "2026-02-01T16:11:00Z" },
          { state: "SUCCESS", createdAt: "2026-02-01T16:20:00Z", logUrl: "https://ci.example.com/501" },
          { state: "INACTIVE", createdAt: "2026-02-20T09:30:00Z" },
        ],
      },
      {
        id: 502,
        createdAt: "2026-02-20T09:20:00Z",
        environment: "production",
        commitOid: "c2",
        statuses: [
          { state: "SUCCESS", createdAt: "2026-02-20T09:25:00Z" },
          { state: "INACTIVE", createdAt: "2026-03-02T12:30:00Z" },
        ],
      },
      {
        id: 503,
        createdAt: "2026-03-02T12:10:00Z",
        environment: "production",
        commitOid: "c3",
        statuses: [
          { state: "IN_PROGRESS", createdAt: "2026-03-02T12:11:00Z" },
          { state: "FAILURE", createdAt: "2026-03-02T12:15:00Z" },
        ],
      },
      {
        id: 504,
        createdAt: "2026-03-02T12:20:00Z",
        environment: "staging",
        commitOid: "c3",
        statuses: [{ state: "ERROR", createdAt: "2026-03-02T12:21:00Z" }],
      },
      {
        id: 505,
        createdAt: "2026-03-02T12:25:00Z",
        environment: "production",
        commitOid: "c3",
        statuses: [{ state: "SUCCESS", createdAt: "2026-03-02T12:29:00Z" }],
      },
      {
        id: 506,
        createdAt: "2026-03-05T10:05:00Z",
        environment: "production",
        commitOid: "c3",
        statuses: [{ state: "QUEUED", createdAt: "2026-03-05T10:05:30Z" }],
      },
    ],
    issues: [
      {
        number: 10,
        title: "Checkout down",
        state: "CLOSED",
        createdAt: "2026-03-02T12:40:00Z",
        updatedAt: "2026-03-02T14:00:00Z",
        closedAt: "2026-03-02T14:00:00Z",
        labels: ["incident", "sev1"],
      },
      {
        number: 11,
        title: "Slow payments",
        state: "OPEN",
        createdAt: "2026-03-04T08:00:00Z",
        updatedAt: "2026-03-04T08:00:00Z",
        labels: ["Incident"],
      },
      {
        number: 12,
        title: "Typo in README",
        state: "CLOSED",
        createdAt: "2026-03-01T08:00:00Z",
        updatedAt: "2026-03-01T09:00:00Z",
        closedAt: "2026-03-01T09:00:00Z",
        labels: ["bug"],
      },
    ],
    releases: [{ id: 701, tagName: "v1.0.0", createdAt: "2026-02-01T17:00:00Z", tagOid: "c1" }],
    files: {
      ".github/workflows/ci.yml": WORKFLOW,
      ".github/dependabot.yml": "version: 2\n",
      "catalog-info.yaml": CATALOG,
      Dockerfile: "FROM node:20\n",
      "README.md": "# checkout\n",
      "src/index.ts": "export {};\n",
      // A monorepo's app: found by walking the tree, as the git collector finds it.
      "apps/web/fly.toml": "app = 'web'\n",
      "apps/web/src/page.tsx": "export {};\n",
      "k8s/base/deployment.yaml": "kind: Deployment\n",
      "k8s/huge.yaml": "x".repeat(70 * 1024),
      "deploy/logo.png": { binary: true, size: 2048 },
    },
  };
  const tools: FakeRepo = {
    owner: "acme",
    name: "tools",
    createdAt: "2024-06-01T00:00:00Z",
    pushedAt: "2026-01-15T00:00:00Z",
    isTemplate: true,
    defaultBranch: "trunk",
    pulls: [],
    commits: [
      {
        oid: "t1",
        authoredDate: "2026-01-15T00:00:00Z",
        committedDate: "2026-01-15T00:00:00Z",
        author: "carol",
        suites: [],
      },
    ],
    deployments: [],
    issues: [],
    releases: [
      { id: 801, tagName: "v1", createdAt: "2026-01-10T00:00:00Z", publishedAt: "2026-01-10T01:00:00Z", tagOid: "t1" },
      { id: 802, tagName: "v2-rc", createdAt: "2026-01-12T00:00:00Z", isPrerelease: true },
      { id: 803, tagName: "v2", createdAt: "2026-01-14T00:00:00Z", isDraft: true },
    ],
    files: { "fly.toml": "app = 'tools'\n", "infra/main.tf": 'resource "x" "y" {}\n' },
  };
  const fromTemplate: FakeRepo = {
    owner: "acme",
    name: "from-template",
    createdAt: "2026-03-01T00:00:00Z",
    pushedAt: "2026-03-01T00:00:00Z",
    template: "acme/tools",
    pulls: [],
    commits: [],
    deployments: [],
    issues: [],
    releases: [],
    files: {},
  };
  const fork: FakeRepo = { ...fromTemplate, name: "upstream-fork", isFork: true, template: undefined };
  return {
    login: "acme",
    users: {
      alice: { login: "alice", name: "Alice Archer" },
      bob: { login: "bob", name: null },
      carol: { login: "carol", name: "Carol Chen" },
      dave: { login: "dave", name: "Dave Doe" },
      dependabot: { login: "dependabot", name: null, bot: true },
    },
    teams: [
      {
        slug: "payments",
        name: "Payments",
        members: ["alice", "bob"],
        repositories: [
          { repo: "acme/checkout", permission: "MAINTAIN" },
          { repo: "acme/tools", permission: "READ" },
        ],
      },
      {
        slug: "platform",
        name: "Platform",
        members: ["carol", "alice"],
        repositories: [
          { repo: "acme/tools", permission: "ADMIN" },
          { repo: "acme/checkout", permission: "WRITE" },
        ],
      },
      {
        slug: "payments-oncall",
        name: "Payments on-call",
        parent: "payments",
        members: ["bob"],
        repositories: [{ repo: "acme/checkout", permission: "MAINTAIN" }],
      },
    ],
    repos: [checkout, tools, fromTemplate, fork],
  };
}

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const START = Date.parse("2025-06-01T00:00:00Z");

/** Sizes of a generated repository. */
export interface RepoShape {
  pulls: number;
  commits: number;
  deployments: number;
  incidents: number;
  releases?: number;
}

/** A generated repository: items spread over time, every stream several pages long when asked. */
export function generatedRepo(owner: string, name: string, shape: RepoShape, seed: number): FakeRepo {
  const rnd = random(seed);
  const logins = ["alice", "bob", "carol", "dave", "dependabot"];
  const commits: FakeCommit[] = [];
  for (let i = shape.commits - 1; i >= 0; i--) {
    const at = START + i * 6 * HOUR_MS;
    commits.push({
      oid: `${name}-c${i}`,
      authoredDate: iso(at - 2 * HOUR_MS),
      committedDate: iso(at),
      author: logins[Math.floor(rnd() * 4)],
      suites: [
        {
          runId: seed * 100_000 + i,
          workflow: "ci",
          status: "COMPLETED",
          conclusion: rnd() < 0.8 ? "SUCCESS" : "FAILURE",
          createdAt: iso(at + 60_000),
          updatedAt: iso(at + 600_000),
          event: "push",
          branch: "main",
        },
      ],
    });
  }
  const pulls: FakePull[] = [];
  for (let i = 1; i <= shape.pulls; i++) {
    const created = START + i * 3 * HOUR_MS;
    const merged = rnd() < 0.85 ? created + Math.floor(rnd() * 48) * HOUR_MS : undefined;
    pulls.push({
      number: i,
      author: logins[Math.floor(rnd() * logins.length)]!,
      createdAt: iso(created),
      updatedAt: iso(merged ?? created + HOUR_MS),
      mergedAt: merged ? iso(merged) : undefined,
      closedAt: merged ? iso(merged) : undefined,
      baseRefName: "main",
      mergeCommit: merged ? `${name}-m${i}` : undefined,
      // Every tenth is a hotfix, by title and label: the graph and rework fields travel with every page.
      title: i % 10 === 0 ? `Hotfix ${i}` : `Change ${i}`,
      labels: i % 10 === 0 ? ["hotfix"] : ["feature"],
      commitDates: [iso(created - Math.floor(rnd() * 72) * HOUR_MS), iso(created)],
    });
  }
  const deployments: FakeDeployment[] = [];
  for (let i = 1; i <= shape.deployments; i++) {
    const at = START + i * 8 * HOUR_MS;
    const failed = rnd() < 0.1;
    deployments.push({
      id: seed * 100_000 + i,
      createdAt: iso(at),
      environment: rnd() < 0.8 ? "production" : "staging",
      commitOid: `${name}-c${Math.min(shape.commits - 1, i)}`,
      statuses: [
        { state: "IN_PROGRESS", createdAt: iso(at + 60_000) },
        { state: failed ? "FAILURE" : "SUCCESS", createdAt: iso(at + 300_000) },
      ],
    });
  }
  const issues = Array.from({ length: shape.incidents }, (_, k) => {
    const at = START + (k + 1) * 30 * HOUR_MS;
    return {
      number: 10_000 + k,
      title: `Incident ${k}`,
      state: "CLOSED" as const,
      createdAt: iso(at),
      updatedAt: iso(at + 2 * HOUR_MS),
      closedAt: iso(at + 2 * HOUR_MS),
      labels: ["incident"],
    };
  });
  const releases = Array.from({ length: shape.releases ?? 0 }, (_, k) => ({
    id: seed * 100_000 + 50_000 + k,
    tagName: `v${k}`,
    createdAt: iso(START + k * 24 * HOUR_MS),
    tagOid: commits.at(-1)?.oid,
  }));
  const lastPush = commits[0] ? commits[0].committedDate : iso(START);
  return {
    owner,
    name,
    createdAt: iso(START - 30 * 24 * HOUR_MS),
    pushedAt: lastPush,
    defaultBranch: "main",
    pulls,
    commits,
    deployments,
    issues,
    releases,
    files: {
      ".github/workflows/ci.yml": WORKFLOW,
      Dockerfile: "FROM node:20\n",
      [`charts/${name}/Chart.yaml`]: `name: ${name}\n`,
      [`charts/${name}/templates/deployment.yaml`]: "kind: Deployment\n",
    },
  };
}

/** An organisation of generated repositories (one team owning them all). */
export function generatedOrg(shapes: RepoShape[], seed = 1): FakeOrg {
  const repos = shapes.map((s, i) =>
    generatedRepo("big", `service-${String(i).padStart(2, "0")}`, s, seed * 100 + i + 1),
  );
  return {
    login: "big",
    users: {
      alice: { login: "alice", name: "Alice" },
      bob: { login: "bob", name: "Bob" },
      carol: { login: "carol", name: null },
      dave: { login: "dave", name: "Dave" },
      dependabot: { login: "dependabot", name: null, bot: true },
    },
    teams: [
      {
        slug: "core",
        name: "Core",
        members: ["alice", "bob"],
        repositories: repos.map((r) => ({ repo: `big/${r.name}`, permission: "ADMIN" })),
      },
    ],
    repos,
  };
}
