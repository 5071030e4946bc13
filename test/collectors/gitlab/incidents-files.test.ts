import { afterEach, describe, expect, test } from "vitest";
import { createGitlabCollector, GitlabConfigSchema } from "@/collectors/gitlab";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { freshDatabase } from "../../support/db";
import { at, BASE, fakeInstance, HOUR } from "./support/model";
import { startFakeGitlab } from "./support/server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const NOW = Date.parse("2026-03-01T00:00:00Z");
const rows = (db: Db, sql: string) => db.rows<Record<string, unknown>>(sql);

async function setup() {
  const store = await freshDatabase();
  const data = fakeInstance(2, { mrs: 3, commits: 5, deployments: 3, pipelines: 3, incidents: 6 });
  // The second project records no deployments: its releases stand in.
  const bare = data.projects[1]!;
  bare.deployments = [];
  bare.releases = [
    {
      tag_name: "v1.0.0",
      created_at: at(BASE),
      released_at: at(BASE + HOUR),
      upcoming_release: false,
      commit: { id: bare.commits[2]!.id },
    },
    {
      tag_name: "v1.1.0",
      created_at: at(BASE + 5 * HOUR),
      released_at: at(BASE + 6 * HOUR),
      upcoming_release: false,
      commit: { id: bare.commits[0]!.id },
    },
    {
      tag_name: "v2.0.0",
      created_at: at(BASE + 7 * HOUR),
      released_at: at(NOW + 30 * 24 * HOUR),
      upcoming_release: true,
      commit: { id: bare.commits[0]!.id },
    },
  ];
  data.projects[0]!.files = {
    "README.md": "# service",
    ".gitlab-ci.yml": "stages: [test, deploy]\n",
    Dockerfile: "FROM node:22\n",
    "deploy/k8s/deployment.yaml": "kind: Deployment\n",
    "deploy/k8s/base/deep/too-deep.yaml": "kind: Service\n",
    "src/main.go": "package main\n",
    "charts/api/Chart.yaml": "name: api\n",
  };
  const fake = await startFakeGitlab(data);
  cleanups.push(
    () => fake.close(),
    () => store.dispose(),
  );
  const collector = createGitlabCollector({
    env: { GITLAB_TOKEN: fake.token } as unknown as NodeJS.ProcessEnv,
    sleep: async () => {},
  });
  const config = GitlabConfigSchema.parse({ kind: "gitlab", group: "acme", url: fake.url });
  const ctx: CollectorContext = { db: store.db, workspace: "acme", now: () => NOW, progress: () => {} };
  return { store, fake, collector, config, ctx };
}

describe("GitLab incidents, releases and file snapshots", () => {
  test("incident issues and issues with an incident label become incidents of their project and group", async () => {
    const { store, collector, config, ctx } = await setup();
    const result = await collector.collect(ctx, config);
    expect(result.status).toBe("ok");
    expect(
      await rows(
        store.db,
        "SELECT id, opened_at, resolved_at, severity, repository_id, team_id, source, url FROM incidents WHERE repository_id = 'acme/service-0' ORDER BY opened_at",
      ),
    ).toEqual([
      {
        id: "gitlab:issue:acme/service-0#1",
        opened_at: BASE + 5 * HOUR + 30 * 60_000,
        resolved_at: BASE + 7 * HOUR + 30 * 60_000,
        severity: "critical",
        repository_id: "acme/service-0",
        team_id: "acme",
        source: "gitlab",
        url: "https://gitlab.example/acme/service-0/-/issues/1",
      },
      expect.objectContaining({
        id: "gitlab:issue:acme/service-0#2",
        severity: "severity::2",
        resolved_at: BASE + 12 * HOUR + 30 * 60_000,
      }),
      expect.objectContaining({ id: "gitlab:issue:acme/service-0#3", severity: null, resolved_at: null }),
      expect.objectContaining({ id: "gitlab:issue:acme/service-0#4" }),
      expect.objectContaining({ id: "gitlab:issue:acme/service-0#5", severity: "critical" }),
      expect.objectContaining({ id: "gitlab:issue:acme/service-0#6", resolved_at: null }),
    ]);
    expect(
      await rows(store.db, "SELECT team_id FROM incidents WHERE repository_id = 'acme/platform/service-1' LIMIT 1"),
    ).toEqual([{ team_id: "acme/platform" }]);
  });

  test("releases stand in for deployments only in projects that record none, upcoming releases left out", async () => {
    const { store, fake, collector, config, ctx } = await setup();
    await collector.collect(ctx, config);
    const bare = fake.data.projects[1]!;
    expect(
      await rows(
        store.db,
        "SELECT id, environment, status, finished_at, sha FROM deployments WHERE repository_id = 'acme/platform/service-1' ORDER BY finished_at",
      ),
    ).toEqual([
      {
        id: "gitlab:release:acme/platform/service-1@v1.0.0",
        environment: "production",
        status: "success",
        finished_at: BASE + HOUR,
        sha: bare.commits[2]!.id,
      },
      {
        id: "gitlab:release:acme/platform/service-1@v1.1.0",
        environment: "production",
        status: "success",
        finished_at: BASE + 6 * HOUR,
        sha: bare.commits[0]!.id,
      },
    ]);
    expect(
      await rows(store.db, "SELECT count(*) AS n FROM deployments WHERE id LIKE 'gitlab:release:acme/service-0%'"),
    ).toEqual([{ n: 0 }]);
  });

  test("the default branch's snapshot follows GitHub's selection rules, and is taken again only when the branch moved", async () => {
    const { store, fake, collector, config, ctx } = await setup();
    await collector.collect(ctx, config);
    const [snapshot] = await rows(
      store.db,
      "SELECT files FROM repository_files WHERE repository_id = 'acme/service-0'",
    );
    expect(JSON.parse(String(snapshot!.files))).toEqual([
      { path: ".gitlab-ci.yml", content: "stages: [test, deploy]\n" },
      { path: "Dockerfile", content: "FROM node:22\n" },
      { path: "README.md" },
      { path: "charts/api/Chart.yaml", content: "name: api\n" },
      { path: "deploy/k8s/deployment.yaml", content: "kind: Deployment\n" },
    ]);
    fake.requests = [];
    await collector.collect(ctx, config);
    expect(fake.requests.filter((r) => r.path.endsWith("/repository/tree"))).toEqual([]);
    const p = fake.data.projects[0]!;
    p.commits.unshift({
      ...p.commits[0]!,
      id: "f".repeat(40),
      parent_ids: [p.commits[0]!.id],
      committed_date: at(NOW - HOUR),
      authored_date: at(NOW - HOUR),
    });
    p.files["fly.toml"] = 'app = "api"\n';
    await collector.collect(ctx, config);
    const [again] = await rows(store.db, "SELECT files FROM repository_files WHERE repository_id = 'acme/service-0'");
    expect(JSON.parse(String(again!.files))).toContainEqual({ path: "fly.toml", content: 'app = "api"\n' });
  });
});
