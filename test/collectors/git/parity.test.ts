import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import type { Param } from "@/db/store";
import { freshDatabase } from "../../support/db";
import { TestRepository, type Author } from "./repo";

const alice: Author = { name: "Alice", email: "alice@acme.com" };
const bob: Author = { name: "Bob", email: "bob@acme.com" };

function context(db: Db): CollectorContext {
  return { db, workspace: "acme", now: () => Date.parse("2026-02-01T00:00:00Z"), progress: () => {} };
}

const rows = (db: Db, sql: string, ...params: Param[]) => db.rows(sql, params);

describe("git collector parity with GitHub", () => {
  let store: Awaited<ReturnType<typeof freshDatabase>>;
  let repo: TestRepository;
  beforeEach(async () => {
    store = await freshDatabase();
    repo = new TestRepository("shop");
    repo.git(["remote", "add", "origin", "git@github.com:acme/shop.git"]);
  });
  afterEach(async () => {
    repo.dispose();
    await store.dispose();
  });

  test("the snapshot lists the root, conventional folders and monorepo configs, with workflow text, from the default branch", async () => {
    mkdirSync(path.join(repo.dir, ".github/workflows"), { recursive: true });
    mkdirSync(path.join(repo.dir, "apps/web"), { recursive: true });
    mkdirSync(path.join(repo.dir, "src"), { recursive: true });
    mkdirSync(path.join(repo.dir, "node_modules/x"), { recursive: true });
    repo.write(".github/workflows/deploy.yml", "jobs:\n  deploy:\n    steps:\n      - run: flyctl deploy\n");
    repo.write("apps/web/fly.toml", 'app = "shop"\n');
    repo.write("src/index.ts", "export {};\n");
    repo.write("node_modules/x/Dockerfile", "FROM x\n");
    repo.write("README.md", "# shop\n");
    repo.git(["add", "-A", "-f"]);
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    // A feature branch checked out must not be what is read.
    repo.checkout("feature", true);
    repo.write("feature.yml", "x: 1\n");
    repo.commit(bob, "2026-01-06T09:00:00Z", "Feature work", { file: "feature.yml" });

    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.status).toBe("ok");
    expect(result.warnings?.map((w) => w.message)).toEqual([
      "no tag matches --tag-pattern ^v?\\d+\\.\\d+(\\.\\d+)?$ (the repository has no tags), so no deployments were recorded",
    ]);
    const [snapshot] = await rows(store.db, "SELECT files FROM repository_files");
    const files = JSON.parse(String(snapshot!.files)) as { path: string; content?: string }[];
    expect(files.map((f) => f.path)).toEqual([
      ".github/workflows/deploy.yml",
      "README.md",
      "apps/web/fly.toml",
      "log.txt",
    ]);
    expect(files[0]!.content).toContain("flyctl deploy");
    expect(await rows(store.db, "SELECT default_branch FROM repositories")).toEqual([{ default_branch: "main" }]);
    expect(await rows(store.db, "SELECT count(*) AS n FROM commits")).toEqual([{ n: 1 }]);
  });

  test("a clone without origin/HEAD, main or master says the default branch was guessed", async () => {
    repo.git(["checkout", "--quiet", "-b", "trunk-x"]);
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    repo.tag("v1.0");
    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.warnings?.[0]?.message).toMatch(/default branch cannot be told.*pass --branch.*trunk-x/);
    const named = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], branch: "trunk-x" }),
    );
    expect(named.warnings).toBeUndefined();
  });

  test("re-collecting with a narrower tag pattern removes the deployments it no longer yields, and says so", async () => {
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    repo.tag("v1.0");
    repo.tag("v1.1");
    repo.tag("rc-1");
    const wide = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], tagPattern: "^(v|rc-)" }),
    );
    expect(wide.records.deployment).toBe(3);
    expect(await rows(store.db, "SELECT id, url FROM deployments ORDER BY id")).toEqual([
      { id: "git:acme/shop:rc-1", url: "https://github.com/acme/shop/releases/tag/rc-1" },
      { id: "git:acme/shop:v1.0", url: "https://github.com/acme/shop/releases/tag/v1.0" },
      { id: "git:acme/shop:v1.1", url: "https://github.com/acme/shop/releases/tag/v1.1" },
    ]);
    // Another source's deployment of the same repository stays.
    await store.db.exec(
      "INSERT INTO deployments (workspace_id, id, repository_id, environment, status, created_at) SELECT id, 'gh-1', 'acme/shop', 'production', 'success', 0 FROM workspaces",
    );

    const narrow = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], tagPattern: "^v1\\.1$" }),
    );
    expect(narrow.removed).toEqual({ deployment: 2 });
    expect(await rows(store.db, "SELECT id FROM deployments ORDER BY id")).toEqual([
      { id: "gh-1" },
      { id: "git:acme/shop:v1.1" },
    ]);

    const none = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], tagPattern: "^nope$" }),
    );
    expect(none.warnings?.map((w) => w.message)).toEqual([
      "no tag matches --tag-pattern ^nope$ (the repository has 3 tags, the newest rc-1, v1.0, v1.1), so no deployments were recorded",
    ]);
    expect(none.removed).toEqual({ deployment: 1 });
  });

  test("pull requests only another branch held are removed once the default branch is read again, others' stay", async () => {
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    repo.checkout("fix", true);
    repo.commit(bob, "2026-01-06T09:00:00Z", "Bob's fix");
    repo.checkout("main");
    repo.merge("fix", "2026-01-07T09:00:00Z", "Merge pull request #1 from bobgh/fix", bob);
    repo.checkout("dev", true);
    repo.checkout("feat", true);
    repo.commit(alice, "2026-01-08T09:00:00Z", "Dev-only work");
    repo.checkout("dev");
    repo.merge("feat", "2026-01-09T09:00:00Z", "Merge pull request #2 from alicegh/feat", alice);

    const onDev = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], branch: "dev" }),
    );
    expect(onDev.status).toBe("ok");
    expect(await rows(store.db, "SELECT number FROM pull_requests ORDER BY number")).toEqual([
      { number: 1 },
      { number: 2 },
    ]);
    // Another source's pull request of the same repository.
    await store.db.exec(
      "INSERT INTO pull_requests (workspace_id, repository_id, number, author_id, created_at) SELECT id, 'acme/shop', 99, 'dave', 0 FROM workspaces",
    );

    // Still on dev in the clone, but the default branch is read: #2 was never merged into it.
    const onMain = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    // Alice's dev-only commit and the merge of #2, and alicegh, whom only #2 named.
    expect(onMain.removed).toEqual({ pull_request: 1, commit: 2, person: 1 });
    expect(await rows(store.db, "SELECT number, base_branch FROM pull_requests ORDER BY number")).toEqual([
      { number: 1, base_branch: "main" },
      { number: 99, base_branch: null },
    ]);
    expect(await rows(store.db, "SELECT default_branch FROM repositories")).toEqual([{ default_branch: "main" }]);

    const again = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(again.removed).toBeUndefined();
    expect(await rows(store.db, "SELECT count(*) AS n FROM pull_requests")).toEqual([{ n: 2 }]);
  });

  test("commits only a branch read before held, and the people only they made, are removed on re-collect; others' stay", async () => {
    const carol: Author = { name: "Carol", email: "carol@acme.com" };
    const dave: Author = { name: "Dave", email: "dave@acme.com" };
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    repo.checkout("spike", true);
    repo.commit(carol, "2026-01-06T09:00:00Z", "Carol's spike");
    repo.commit(dave, "2026-01-06T10:00:00Z", "Dave's spike");
    repo.commit(alice, "2026-01-06T11:00:00Z", "Alice on the spike");

    const onSpike = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir }], branch: "spike" }),
    );
    expect(onSpike.status).toBe("ok");
    expect(await rows(store.db, "SELECT count(*) AS n FROM commits")).toEqual([{ n: 4 }]);
    expect((await rows(store.db, "SELECT id FROM people ORDER BY id")).map((p) => p.id)).toEqual([
      "alice",
      "carol",
      "dave",
    ]);
    // Another source describes Dave (a team from the organisation) and holds a commit of the same repository.
    await store.db.exec("INSERT INTO teams (workspace_id, id, name) SELECT id, 'web', 'Web' FROM workspaces");
    await store.db.exec("UPDATE people SET team_id = 'web' WHERE id = 'dave'");
    await store.db.exec(
      "INSERT INTO commits (workspace_id, repository_id, sha, authored_at, author_id) SELECT id, 'acme/shop', 'f00d', 0, 'erin' FROM workspaces",
    );

    // The clone still has spike checked out; the default branch is read, which never held the spike.
    const onMain = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(onMain.status).toBe("ok");
    expect(onMain.removed).toEqual({ commit: 3, person: 1 });
    expect((await rows(store.db, "SELECT sha FROM commits ORDER BY authored_at")).map((c) => c.sha)).toEqual([
      "f00d",
      repo.git(["rev-parse", "main"]).trim(),
    ]);
    // Carol is gone; Alice still has her commit on main; Dave stays with the team another source gave him.
    expect((await rows(store.db, "SELECT id FROM people ORDER BY id")).map((p) => p.id)).toEqual(["alice", "dave"]);
    expect(
      (await rows(store.db, "SELECT person_id FROM person_names ORDER BY person_id")).map((p) => p.person_id),
    ).toEqual(["alice", "dave"]);

    const again = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(again.removed).toBeUndefined();
    const [summary] = await rows(store.db, "SELECT count(*) AS n FROM commits");
    expect(summary).toEqual({ n: 2 });
  });

  test("--team creates the team; PR authors come from the merge subject; long-lived branch merges are not pull requests", async () => {
    repo.commit(alice, "2026-01-05T09:00:00Z", "Initial commit");
    repo.checkout("fix", true);
    repo.commit(alice, "2026-01-06T09:00:00Z", "Alice's commit, carried on Bob's branch");
    repo.commit(bob, "2026-01-06T10:00:00Z", "Bob's fix");
    repo.checkout("main");
    repo.merge("fix", "2026-01-07T09:00:00Z", "Merge pull request #3 from BobGH/fix", bob);
    repo.checkout("dev", true);
    repo.commit(bob, "2026-01-08T09:00:00Z", "More work on dev");
    repo.checkout("main");
    repo.merge("dev", "2026-01-09T09:00:00Z", "Merge pull request #4 from acme/dev", bob);
    repo.checkout("release/2.0", true);
    repo.commit(bob, "2026-01-10T09:00:00Z", "Release work");
    repo.checkout("main");
    repo.merge("release/2.0", "2026-01-11T09:00:00Z", "Merge pull request #5 from acme/release/2.0", bob);
    repo.checkout("own", true);
    repo.commit(alice, "2026-01-12T09:00:00Z", "A branch of the repository itself");
    repo.checkout("main");
    repo.merge("own", "2026-01-13T09:00:00Z", "Merge pull request #6 from acme/own", bob);

    const result = await gitCollector.collect(
      context(store.db),
      gitConfig({ repositories: [{ path: repo.dir, team: "payments" }] }),
    );
    expect(result.status).toBe("ok");
    expect(await rows(store.db, "SELECT id, name FROM teams")).toEqual([{ id: "payments", name: "payments" }]);
    expect(await rows(store.db, "SELECT number, author_id FROM pull_requests ORDER BY number")).toEqual([
      { number: 3, author_id: "bobgh" },
      { number: 6, author_id: "alice" },
    ]);
    // A second run neither renames nor duplicates the team.
    await store.db.exec("UPDATE teams SET name = 'Payments'");
    await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir, team: "payments" }] }));
    expect(await rows(store.db, "SELECT id, name FROM teams")).toEqual([{ id: "payments", name: "Payments" }]);
  });
});
