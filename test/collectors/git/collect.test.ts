import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import type { Param } from "@/db/store";
import { freshDatabase, importObjects } from "../../support/db";
import { TestRepository, type Author } from "./repo";

const alice: Author = { name: "Alice", email: "alice@acme.com" };
const aliceOld: Author = { name: "Alice Smith", email: "Alice.Smith@old-domain.com" };
const bob: Author = { name: "Bob", email: "12345+bobby@users.noreply.github.com" };
const carol: Author = { name: "Carol Jones", email: "carol" };
const dependabot: Author = { name: "dependabot[bot]", email: "49699333+dependabot[bot]@users.noreply.github.com" };

function context(db: Db, workspace = "acme"): CollectorContext {
  return { db, workspace, now: () => Date.parse("2026-02-01T00:00:00Z"), progress: () => {} };
}

const rows = (db: Db, sql: string, ...params: Param[]) => db.rows(sql, params);

/** main: init (tagged v1.0) → carol → merge of PR #7 (alice as her old self, bob) → squash PR #8 by dependabot (tagged 1.1). */
function buildHistory(repo: TestRepository): Record<string, string> {
  repo.write(".mailmap", "Alice <alice@acme.com> Alice Smith <alice.smith@old-domain.com>\n");
  const init = repo.commit(alice, "2026-01-05T09:00:00+01:00", "Initial commit", { file: ".mailmap" });
  repo.tag("v1.0", "2026-01-05T12:00:00Z");
  repo.checkout("feature", true);
  const first = repo.commit(aliceOld, "2026-01-06T10:00:00Z", "Start the feature");
  repo.commit(bob, "2026-01-06T11:00:00Z", "Finish the feature");
  repo.checkout("main");
  repo.commit(carol, "2026-01-06T12:00:00Z", "Fix a typo", { file: "typo.txt" });
  const merge = repo.merge(
    "feature",
    "2026-01-07T09:00:00Z",
    "Merge pull request #7 from alice/feature\n\nThe feature",
    bob,
  );
  const squash = repo.commit(dependabot, "2026-01-07T10:00:00Z", "Bump lodash from 4.17.20 to 4.17.21 (#8)", {
    file: "package.json",
  });
  repo.tag("1.1");
  repo.tag("nightly-5");
  return { init, first, merge, squash };
}

describe("the local git collector", async () => {
  const store = await freshDatabase();
  const repo = new TestRepository("service");
  let shas: Record<string, string>;
  beforeAll(() => {
    shas = buildHistory(repo);
  });
  afterAll(async () => {
    repo.dispose();
    await store.dispose();
  });

  test("a first sync stores the repository, every commit, authors after .mailmap, merged pull requests and release tags", async () => {
    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result).toMatchObject({ source: "git", status: "ok", failures: [] });
    expect(result.records).toEqual({
      repository: 1,
      repository_files: 1,
      commit: 6,
      person: 4,
      pull_request: 2,
      deployment: 2,
    });

    const [repository] = await rows(store.db, "SELECT id, name, created_at, default_branch, url FROM repositories");
    expect(repository).toEqual({
      id: "service",
      name: "service",
      created_at: Date.parse("2026-01-05T08:00:00Z"),
      default_branch: "main",
      url: null,
    });

    const parents = async (sha: string) =>
      JSON.parse((await rows(store.db, "SELECT parents FROM commits WHERE sha = ?", sha))[0]!.parents as string);
    expect(await parents(shas.init!)).toEqual([]);
    expect(await parents(shas.squash!)).toEqual([shas.merge]);
    expect(await parents(shas.merge!)).toEqual([
      repo.git(["rev-parse", `${shas.merge}^1`]).trim(),
      repo.git(["rev-parse", `${shas.merge}^2`]).trim(),
    ]);
    expect(await rows(store.db, "SELECT count(*) AS n FROM commits WHERE parents IS NULL")).toEqual([{ n: 0 }]);
    const authors = await rows(
      store.db,
      "SELECT author_id AS a, count(*) AS n FROM commits GROUP BY author_id ORDER BY a",
    );
    expect(authors).toEqual([
      { a: "alice", n: 2 },
      { a: "bobby", n: 2 },
      { a: "carol-jones", n: 1 },
      { a: "dependabot[bot]", n: 1 },
    ]);
    expect(await rows(store.db, "SELECT id, name, is_bot FROM people ORDER BY id")).toEqual([
      { id: "alice", name: "Alice", is_bot: null },
      { id: "bobby", name: "Bob", is_bot: null },
      { id: "carol-jones", name: "Carol Jones", is_bot: null },
      { id: "dependabot[bot]", name: "dependabot[bot]", is_bot: 1 },
    ]);

    const prs = await rows(
      store.db,
      "SELECT number, author_id, created_at, first_commit_at, merged_at, closed_at, base_branch, merge_commit_sha FROM pull_requests ORDER BY number",
    );
    expect(prs).toEqual([
      {
        number: 7,
        author_id: "alice",
        created_at: Date.parse("2026-01-06T10:00:00Z"),
        first_commit_at: Date.parse("2026-01-06T10:00:00Z"),
        merged_at: Date.parse("2026-01-07T09:00:00Z"),
        closed_at: Date.parse("2026-01-07T09:00:00Z"),
        base_branch: "main",
        merge_commit_sha: shas.merge,
      },
      {
        number: 8,
        author_id: "dependabot[bot]",
        created_at: Date.parse("2026-01-07T10:00:00Z"),
        // A squash commit authored at its merge time: when coding started is unknown, and the record says so.
        first_commit_at: null,
        merged_at: Date.parse("2026-01-07T10:00:00Z"),
        closed_at: Date.parse("2026-01-07T10:00:00Z"),
        base_branch: "main",
        merge_commit_sha: shas.squash,
      },
    ]);

    expect(
      await rows(
        store.db,
        "SELECT id, environment, status, created_at, finished_at, sha FROM deployments ORDER BY finished_at",
      ),
    ).toEqual([
      {
        id: "git:service:v1.0",
        environment: "production",
        status: "success",
        created_at: Date.parse("2026-01-05T12:00:00Z"),
        finished_at: Date.parse("2026-01-05T12:00:00Z"),
        sha: shas.init,
      },
      {
        id: "git:service:1.1",
        environment: "production",
        status: "success",
        created_at: Date.parse("2026-01-07T10:00:00Z"),
        finished_at: Date.parse("2026-01-07T10:00:00Z"),
        sha: shas.squash,
      },
    ]);
    expect(await rows(store.db, "SELECT source, scope, stream, cursor FROM sync_cursors")).toEqual([
      { source: "git", scope: "service", stream: "commits", cursor: shas.squash },
      { source: "git", scope: "service", stream: "files", cursor: shas.squash },
    ]);
  });

  test("a re-run reads only new commits, and leaves alone people another source gave a team", async () => {
    await importObjects(store.db, "acme", [{ type: "person", id: "alice", name: "Alice A.", teamId: "payments" }]);
    const dave: Author = { name: "Dave", email: "dave@acme.com" };
    const latest = repo.commit(dave, "2026-01-08T10:00:00Z", "Dave's first change");

    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.records).toEqual({ repository: 1, repository_files: 1, commit: 1, person: 1, deployment: 2 });
    expect(await rows(store.db, "SELECT count(*) AS n FROM commits")).toEqual([{ n: 7 }]);
    expect(
      await rows(store.db, "SELECT id, name, team_id FROM people WHERE id IN ('alice', 'dave') ORDER BY id"),
    ).toEqual([
      { id: "alice", name: "Alice A.", team_id: "payments" },
      { id: "dave", name: "Dave", team_id: null },
    ]);
    expect(await rows(store.db, "SELECT cursor FROM sync_cursors WHERE stream = 'commits'")).toEqual([
      { cursor: latest },
    ]);

    const again = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(again.records).toEqual({ repository: 1, deployment: 2 });
  });

  test("after history is rewritten the whole history is read again, and nothing is duplicated", async () => {
    repo.git(["reset", "--quiet", "--hard", "HEAD~1"]);
    const rewritten = repo.commit(
      { name: "Dave", email: "dave@acme.com" },
      "2026-01-08T11:00:00Z",
      "Dave's change, amended",
    );
    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.records.commit).toBe(7);
    // The orphaned commit is no longer in the source: removed, and said so; the rewritten one takes its place.
    expect(result.removed).toEqual({ commit: 1 });
    expect(await rows(store.db, "SELECT count(*) AS n FROM commits")).toEqual([{ n: 7 }]);
    expect(await rows(store.db, "SELECT count(*) AS n FROM pull_requests")).toEqual([{ n: 2 }]);
    expect(await rows(store.db, "SELECT cursor FROM sync_cursors WHERE stream = 'commits'")).toEqual([
      { cursor: rewritten },
    ]);
  });
});

describe("repository identity and tag patterns", () => {
  test("origin gives owner/name and a web address without the credentials in its URL; a custom tag pattern picks other tags", async () => {
    const store = await freshDatabase();
    const repo = new TestRepository("checkout-clone");
    try {
      repo.git(["remote", "add", "origin", "https://deploy:s3cret-token@github.com/acme/checkout.git"]);
      repo.commit(alice, "2026-03-01T10:00:00Z", "Initial commit");
      repo.tag("release-2026-03-01", "2026-03-01T11:00:00Z");
      repo.tag("v2.0");
      const result = await gitCollector.collect(
        context(store.db),
        gitConfig({ repositories: [{ path: repo.dir, team: "payments" }], tagPattern: "^release-" }),
      );
      expect(result.status).toBe("ok");
      expect(await rows(store.db, "SELECT id, url, team_id FROM repositories")).toEqual([
        { id: "acme/checkout", url: "https://github.com/acme/checkout", team_id: "payments" },
      ]);
      expect(await rows(store.db, "SELECT id FROM deployments")).toEqual([
        { id: "git:acme/checkout:release-2026-03-01" },
      ]);
      const everything =
        JSON.stringify(await rows(store.db, "SELECT * FROM repositories")) +
        JSON.stringify(await rows(store.db, "SELECT * FROM sync_runs"));
      expect(everything).not.toContain("s3cret");
    } finally {
      repo.dispose();
      await store.dispose();
    }
  });

  test("a folder that is not a repository is reported and skipped, and the other repositories are still collected", async () => {
    const store = await freshDatabase();
    const repo = new TestRepository("good");
    try {
      repo.commit(alice, "2026-03-01T10:00:00Z", "Initial commit");
      const result = await gitCollector.collect(
        context(store.db),
        gitConfig({ repositories: [{ path: "/nonexistent/altimeter-repo" }, { path: repo.dir }] }),
      );
      expect(result.status).toBe("partial");
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]!.scope).toBe("/nonexistent/altimeter-repo");
      expect(result.records.commit).toBe(1);
    } finally {
      repo.dispose();
      await store.dispose();
    }
  });
});
