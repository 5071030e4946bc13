import { afterEach, describe, expect, test } from "vitest";
import { createGitlabCollector, GitlabConfigSchema } from "@/collectors/gitlab";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { UpstreamError } from "@/lib/errors";
import { freshDatabase } from "../../support/db";
import { at, BASE, fakeInstance, HOUR } from "./support/model";
import { type FaultResponse, startFakeGitlab } from "./support/server";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const NOW = Date.parse("2026-03-01T00:00:00Z");
const rows = (db: Db, sql: string) => db.rows<Record<string, unknown>>(sql);
const count = async (db: Db, table: string) =>
  ((await rows(db, `SELECT count(*) AS n FROM ${table}`))[0] as { n: number }).n;

async function setup(projects = 4, shape = { mrs: 130, commits: 120, deployments: 110, pipelines: 30 }) {
  const store = await freshDatabase();
  const fake = await startFakeGitlab(fakeInstance(projects, shape));
  cleanups.push(
    () => fake.close(),
    () => store.dispose(),
  );
  const sleeps: number[] = [];
  const collector = (token = fake.token) =>
    createGitlabCollector({
      env: { GITLAB_TOKEN: token } as unknown as NodeJS.ProcessEnv,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
  const config = (extra: Record<string, unknown> = {}) =>
    GitlabConfigSchema.parse({ kind: "gitlab", group: "acme", url: fake.url, concurrency: 3, ...extra });
  const ctx = (signal?: AbortSignal): CollectorContext => ({
    db: store.db,
    workspace: "acme",
    now: () => NOW,
    progress: () => {},
    signal,
  });
  return { store, fake, sleeps, collector, config, ctx };
}

/** Every stored row that a sync writes, for comparing two databases. */
async function snapshot(db: Db) {
  return {
    teams: await rows(db, "SELECT id, name, parent_id FROM teams ORDER BY id"),
    people: await rows(db, "SELECT id, team_id, is_bot FROM people ORDER BY id"),
    repositories: await rows(db, "SELECT id, team_id, default_branch FROM repositories ORDER BY id"),
    pulls: (await rows(db, "SELECT * FROM pull_requests ORDER BY repository_id, number")).map(({ id: _id, ...r }) => r),
    commits: await rows(db, "SELECT repository_id, sha, author_id, parents FROM commits ORDER BY repository_id, sha"),
    deployments: await rows(db, "SELECT id, status, environment, finished_at FROM deployments ORDER BY id"),
    runs: await rows(db, "SELECT id, status, finished_at FROM ci_runs ORDER BY id"),
    incidents: await rows(db, "SELECT id, resolved_at, repository_id, team_id FROM incidents ORDER BY id"),
    files: await rows(db, "SELECT repository_id, files FROM repository_files ORDER BY repository_id"),
    cursors: await rows(db, "SELECT source, scope, stream, cursor FROM sync_cursors ORDER BY scope, stream"),
  };
}

describe("the GitLab collector", () => {
  test("a group with subgroups: teams with parents, members, projects, merge requests with first commits, commits with parents, deployments and pipelines, all pages", async () => {
    const { store, fake, collector, config, ctx } = await setup();
    const result = await collector().collect(ctx(), config());
    expect(result.failures).toEqual([]);
    expect(result.status).toBe("ok");
    expect(result.records).toMatchObject({
      team: 4,
      repository: 4,
      pull_request: 4 * 130,
      commit: 4 * 120,
    });
    expect(await count(store.db, "deployments")).toBe(4 * 110);
    expect(await rows(store.db, "SELECT id, name, parent_id FROM teams ORDER BY id")).toEqual([
      { id: "acme", name: "Acme", parent_id: null },
      { id: "acme/platform", name: "Platform", parent_id: "acme" },
      { id: "acme/platform/sre", name: "SRE", parent_id: "acme/platform" },
      { id: "acme/web", name: "Web", parent_id: "acme" },
    ]);
    // dev2 is in acme/platform and acme/platform/sre: the first by full path wins.
    expect(
      await rows(
        store.db,
        "SELECT id, team_id, is_bot FROM people WHERE id IN ('dev2', 'renovate-bot', 'dev4') ORDER BY id",
      ),
    ).toEqual([
      { id: "dev2", team_id: "acme/platform", is_bot: 0 },
      { id: "dev4", team_id: null, is_bot: 0 },
      { id: "renovate-bot", team_id: null, is_bot: 1 },
    ]);
    expect(await rows(store.db, "SELECT id, team_id, default_branch, url FROM repositories ORDER BY id")).toEqual([
      {
        id: "acme/platform/service-1",
        team_id: "acme/platform",
        default_branch: "main",
        url: "https://gitlab.example/acme/platform/service-1",
      },
      {
        id: "acme/platform/sre/service-2",
        team_id: "acme/platform/sre",
        default_branch: "main",
        url: "https://gitlab.example/acme/platform/sre/service-2",
      },
      { id: "acme/service-0", team_id: "acme", default_branch: "main", url: "https://gitlab.example/acme/service-0" },
      {
        id: "acme/web/service-3",
        team_id: "acme/web",
        default_branch: "main",
        url: "https://gitlab.example/acme/web/service-3",
      },
    ]);
    const pulls = await rows(
      store.db,
      "SELECT number, author_id, created_at, first_commit_at, merged_at, closed_at, base_branch, merge_commit_sha, title, labels FROM pull_requests WHERE repository_id = 'acme/service-0' AND number IN (7, 10) ORDER BY number",
    );
    expect(pulls).toEqual([
      {
        number: 7,
        author_id: "dev2",
        created_at: BASE + 7 * HOUR,
        first_commit_at: BASE + 7 * HOUR - 5 * HOUR,
        merged_at: BASE + 9 * HOUR,
        closed_at: BASE + 9 * HOUR,
        base_branch: "main",
        merge_commit_sha: fake.data.projects[0]!.mergeRequests[6]!.squash_commit_sha,
        title: "Change 7",
        labels: JSON.stringify(["backend"]),
      },
      expect.objectContaining({
        number: 10,
        author_id: "dev0",
        title: "Revert change 9",
        labels: JSON.stringify(["revert", "backend"]),
      }),
    ]);
    const commits = fake.data.projects[0]!.commits;
    expect(
      await rows(
        store.db,
        `SELECT sha, parents, author_id FROM commits WHERE sha IN ('${commits.at(-1)!.id}', '${commits[0]!.id}') ORDER BY authored_at`,
      ),
    ).toEqual([
      { sha: commits.at(-1)!.id, parents: "[]", author_id: "dev0" },
      { sha: commits[0]!.id, parents: JSON.stringify([commits[1]!.id]), author_id: null },
    ]);
    expect(
      await rows(
        store.db,
        "SELECT status, count(*) AS n FROM deployments WHERE repository_id = 'acme/service-0' GROUP BY status ORDER BY status",
      ),
    ).toEqual([
      { status: "cancelled", n: 18 },
      { status: "failure", n: 19 },
      { status: "in_progress", n: 18 },
      { status: "success", n: 55 },
    ]);
    // Pipelines of the default branch only.
    expect(await count(store.db, "ci_runs")).toBe(4 * 24);
    expect(
      await rows(store.db, "SELECT status, workflow, finished_at FROM ci_runs WHERE id = 'gitlab:pipeline:1000002'"),
    ).toEqual([{ status: "success", workflow: "Build and test", finished_at: BASE + 2 * HOUR + 20 * 60_000 }]);
    // Requests: 2 MR pages, 2 commit pages, 2 deployment pages, 1 pipeline page per project, plus group, subgroups, members, projects.
    const graphqlRequests = fake.requests.filter((r) => r.path === "/api/graphql").length;
    expect(graphqlRequests).toBe(4 * 2);
    expect(result.requests).toBe(fake.requests.length);
    expect(fake.requests.filter((r) => r.path.endsWith("/deployments")).length).toBe(4 * 2);
  });

  test("a second sync reads only what changed since the first, and duplicates nothing", async () => {
    const { store, fake, collector, config, ctx } = await setup(2);
    await collector().collect(ctx(), config());
    const before = await snapshot(store.db);
    const p = fake.data.projects[0]!;
    const running = p.deployments.find((d) => d.status === "running")!;
    running.status = "success";
    running.updated_at = at(NOW - HOUR);
    running.deployable = { ...running.deployable!, status: "success", finished_at: at(NOW - HOUR) };
    p.mergeRequests[0]!.title = "Renamed";
    p.mergeRequests[0]!.updated_at = at(NOW - HOUR);
    fake.requests = [];
    const again = await collector().collect(ctx(), config());
    expect(again.status).toBe("ok");
    expect(again.records.pull_request).toBeLessThanOrEqual(3);
    expect(await rows(store.db, `SELECT status FROM deployments WHERE id = 'gitlab:deployment:${running.id}'`)).toEqual(
      [{ status: "success" }],
    );
    const after = await snapshot(store.db);
    expect(after.pulls.length).toBe(before.pulls.length);
    expect(after.deployments.length).toBe(before.deployments.length);
    expect(fake.requests.filter((r) => r.path === "/api/graphql").length).toBe(2);
  });

  test("a 502, a dropped connection, a 429 with Retry-After, a 429 with only RateLimit-Reset and a spent RateLimit-Remaining are waited out", async () => {
    const { store, fake, sleeps, collector, config, ctx } = await setup(1, {
      mrs: 10,
      commits: 10,
      deployments: 10,
      pipelines: 5,
    });
    const reset = Math.ceil(NOW / 1000) + 42;
    fake.fault = (r): FaultResponse | undefined => {
      if (r.n === 2) return { status: 502, body: { message: "502 Bad Gateway" } };
      if (r.n === 4) return "drop";
      if (r.n === 6) return { status: 429, body: { message: "Retry later" }, headers: { "retry-after": "7" } };
      if (r.n === 7)
        return { status: 429, body: { message: "Retry later" }, headers: { "ratelimit-reset": String(reset - 30) } };
      if (r.n === 8) {
        fake.rate.remaining = 1;
        fake.rate.resetAt = reset;
      }
      if (r.n === 9) fake.rate.remaining = 2000;
      return undefined;
    };
    const result = await collector().collect(ctx(), config());
    expect(result.status).toBe("ok");
    expect(await count(store.db, "pull_requests")).toBe(10);
    // Backoffs of 1 s halved at random (0.5 → 0.75 s), then Retry-After, then a 429's RateLimit-Reset, then the window's reset.
    expect(sleeps).toEqual([750, 750, 7000, (reset - 30) * 1000 - NOW, reset * 1000 - NOW]);
  });

  test("a wrong token stops the sync with a message naming the variable, never the token, and stores nothing", async () => {
    const { store, collector, config, ctx } = await setup(1);
    const error = await collector("glpat-wrong-secret-value")
      .collect(ctx(), config())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).kind).toBe("auth");
    expect((error as Error).message).toMatch(/GitLab: 401 unauthorized .*\$GITLAB_TOKEN .*read_api/);
    expect((error as Error).message).not.toContain("glpat-wrong-secret-value");
    expect(await count(store.db, "repositories")).toBe(0);
  });

  test("one failing project is reported and skipped, the others are stored (partial)", async () => {
    const { store, fake, collector, config, ctx } = await setup(4, {
      mrs: 5,
      commits: 5,
      deployments: 5,
      pipelines: 5,
    });
    const broken = fake.data.projects[2]!;
    fake.fault = (r) =>
      r.path === `/api/v4/projects/${broken.id}/deployments`
        ? { status: 500, body: { message: "500 Internal Server Error" } }
        : undefined;
    const result = await collector().collect(ctx(), config());
    expect(result.status).toBe("partial");
    expect(result.failures).toEqual([
      {
        scope: broken.path_with_namespace,
        message: expect.stringMatching(/failed 5 times, last: 500 from .*deployments/),
      },
    ]);
    expect(
      (
        await rows(
          store.db,
          "SELECT repository_id, count(*) AS n FROM deployments GROUP BY repository_id ORDER BY repository_id",
        )
      ).map((r) => r.repository_id),
    ).toEqual(
      fake.data.projects
        .filter((p) => p !== broken)
        .map((p) => p.path_with_namespace)
        .sort(),
    );
  });

  test("a sync killed at any request and re-run ends with exactly the data and cursors of an uninterrupted one, without starting over", async () => {
    const shape = { mrs: 250, commits: 250, deployments: 120, pipelines: 130, incidents: 30 };
    const prepare = (data: {
      projects: { releases: unknown[]; deployments: unknown[]; files: Record<string, string> }[];
    }) => {
      // One project records no deployments (its releases stand in), one has a file snapshot.
      data.projects[1]!.deployments = [];
      data.projects[1]!.releases = Array.from({ length: 130 }, (_, n) => ({
        tag_name: `v1.${n}.0`,
        created_at: at(BASE + n * HOUR),
        released_at: at(BASE + n * HOUR),
        upcoming_release: false,
        commit: { id: `${n}`.padStart(40, "0") },
      }));
      data.projects[0]!.files = { ".gitlab-ci.yml": "stages: [build]\n", "deploy/app.yaml": "kind: Deployment\n" };
    };
    const whole = await setup(2, shape);
    prepare(whole.fake.data);
    await whole.collector().collect(whole.ctx(), whole.config());
    const expected = await snapshot(whole.store.db);
    const total = whole.fake.requests.length;

    const seed = Date.now() % 100_000;
    let state = seed;
    const nextPoint = () => {
      state = (state * 48271) % 2147483647;
      return 1 + (state % total);
    };
    for (const point of [...new Set([1, 14, total, nextPoint(), nextPoint(), nextPoint()])]) {
      const { store, fake, collector, config, ctx } = await setup(2, shape);
      prepare(fake.data);
      const controller = new AbortController();
      fake.onRequest = (n) => {
        if (n === point) controller.abort(new Error(`killed at request ${point}`));
      };
      await expect(collector().collect(ctx(controller.signal), config())).rejects.toThrow();
      fake.onRequest = null;
      const before = fake.requests.length;
      const resumed = await collector().collect(ctx(), config());
      expect(resumed.status).toBe("ok");
      expect(await snapshot(store.db), `seed ${seed}, killed at request ${point} of ${total}`).toEqual(expected);
      // Stored pages are not read again: the re-run reads no more than what was left, plus the group and one page a stream.
      if (point > 20) expect(fake.requests.length - before).toBeLessThan(total);
    }
  });
});
