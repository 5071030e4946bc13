import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { getDrillDownTable } from "@/lib/service/metrics";
import { freshDatabase } from "../../support/db";
import { TestRepository, type Author } from "./repo";

const mike: Author = { name: "Mike Cao", email: "mike@acme.example" };
const zoe: Author = { name: "Zoe Park", email: "zoe@home.example" };
const yan: Author = { name: "Yan Li", email: "yan@home.example" };
const amy: Author = { name: "Amy Ode", email: "amy@home.example" };
const bob: Author = { name: "Bob Stone", email: "bob@home.example" };

function context(db: Db): CollectorContext {
  return { db, workspace: "acme", now: () => Date.parse("2025-05-01T00:00:00Z"), progress: () => {} };
}

const rows = (db: Db, sql: string) => db.rows(sql);
const iso = (ms: unknown) => new Date(ms as number).toISOString();
const column = (t: { columns: string[]; rows: unknown[][] }, name: string) =>
  t.rows.map((r) => r[t.columns.indexOf(name)]);

/**
 * umami's way of working: pull requests are merged into `dev`, and `dev` is
 * merged into `master` as a release ("Merge pull request #9 from acme/dev").
 * Contributors also open pull requests from their fork's `master`, and a
 * fork may hold its own squash merges, numbered by the fork.
 */
describe("pull requests merged into a long-lived branch", async () => {
  const store = await freshDatabase();
  const repo = new TestRepository("shop");
  const shas: Record<string, string> = {};
  beforeAll(async () => {
    repo.git(["remote", "add", "origin", "https://github.com/acme/shop.git"]);
    repo.commit(mike, "2025-01-02T09:00:00Z", "Initial commit");
    repo.tag("v1.0", "2025-03-01T10:00:00Z");
    repo.checkout("dev", true);
    repo.checkout("search", true);
    repo.commit(zoe, "2025-03-02T10:00:00Z", "Add search", { file: "search.txt" });
    repo.checkout("dev");
    shas.search = repo.merge("search", "2025-03-03T10:00:00Z", "Merge pull request #7 from zoe/search", mike);
    // Squashed on GitHub into dev: the author date is when Yan wrote it, the commit date when it was merged.
    shas.cart = repo.commit(yan, "2025-03-02T12:00:00Z", "Add cart (#8)", {
      file: "cart.txt",
      committedAt: "2025-03-04T10:00:00Z",
    });
    repo.checkout("main");
    repo.commit(mike, "2025-03-05T09:00:00Z", "Hotfix on main", { file: "hotfix.txt" });
    repo.tag("v1.1", "2025-03-05T10:00:00Z"); // after both merges into dev, but it holds neither
    repo.merge("dev", "2025-03-06T10:00:00Z", "Merge pull request #9 from acme/dev", mike);
    repo.tag("v1.2", "2025-03-07T10:00:00Z");
    // A contributor's pull request from their fork's master.
    repo.checkout("amy-master", true);
    repo.commit(amy, "2025-03-08T09:00:00Z", "Fix the docs", { file: "docs.txt" });
    repo.checkout("main");
    repo.merge("amy-master", "2025-03-09T10:00:00Z", "Merge pull request #10 from amy/master", mike);
    // A fork whose master holds the fork's own squash merge "(#2)": not this repository's #2.
    repo.checkout("bob-master", true);
    repo.commit(bob, "2025-03-10T09:00:00Z", "Fix a typo (#2)", { file: "typo.txt" });
    repo.checkout("main");
    repo.merge("bob-master", "2025-03-11T10:00:00Z", "Merge pull request #11 from bob/master", mike);
    repo.tag("v1.3", "2025-03-12T10:00:00Z");
    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.status).toBe("ok");
  });
  afterAll(async () => {
    repo.dispose();
    await store.dispose();
  });

  const pullRequests = async () =>
    (
      await rows(
        store.db,
        "SELECT number, author_id, merged_at, first_commit_at, base_branch, merge_commit_sha FROM pull_requests ORDER BY number",
      )
    ).map((r) => ({
      ...r,
      number: r.number as number,
      merged_at: iso(r.merged_at),
      first_commit_at: iso(r.first_commit_at),
    }));

  test("each pull request merged into dev is recorded at the time it was merged there; the release merge is none", async () => {
    expect(await pullRequests()).toEqual([
      {
        number: 7,
        author_id: "zoe",
        merged_at: "2025-03-03T10:00:00.000Z",
        first_commit_at: "2025-03-02T10:00:00.000Z",
        base_branch: null,
        merge_commit_sha: shas.search,
      },
      {
        number: 8,
        author_id: "yan",
        merged_at: "2025-03-04T10:00:00.000Z",
        first_commit_at: "2025-03-02T12:00:00.000Z",
        base_branch: null,
        merge_commit_sha: shas.cart,
      },
      expect.objectContaining({ number: 10, author_id: "amy", base_branch: "main" }),
      expect.objectContaining({
        number: 11,
        author_id: "bob",
        merged_at: "2025-03-11T10:00:00.000Z",
        first_commit_at: "2025-03-10T09:00:00.000Z",
        base_branch: "main",
      }),
    ]);
  });

  test("lead time runs to the first deployment that contains them (v1.2), not the first one after their merge (v1.1)", async () => {
    const { table } = await getDrillDownTable(
      store.db,
      { workspace: "acme", from: "2025-03-01", to: "2025-04-01" },
      "leadTime",
    );
    const byNumber = new Map(table.rows.map((r) => [r[table.columns.indexOf("pullRequest")], r] as const));
    const cell = (n: number, name: string) => byNumber.get(n)![table.columns.indexOf(name)];
    expect(column(table, "pullRequest")).toEqual([11, 10, 8, 7]);
    expect(cell(7, "deployment")).toBe("git:acme/shop:v1.2");
    expect(cell(7, "leadTimeHours")).toBe(120);
    expect(cell(8, "deployment")).toBe("git:acme/shop:v1.2");
    expect(cell(8, "leadTimeHours")).toBe(118);
    expect(cell(10, "deployment")).toBe("git:acme/shop:v1.3");
  });

  test("their authors are newcomers who merged their first pull request", async () => {
    const { table } = await getDrillDownTable(
      store.db,
      { workspace: "acme", from: "2025-03-01", to: "2025-04-01" },
      "onboarding",
    );
    expect(column(table, "person").sort()).toEqual(["amy", "bob", "yan", "zoe"]);
  });

  test("the next release's pull requests arrive on an incremental run; nothing is duplicated", async () => {
    repo.checkout("dev");
    repo.merge("main", "2025-03-13T09:00:00Z", "Merge branch 'main' into dev", mike);
    repo.checkout("more", true);
    repo.commit(zoe, "2025-03-13T10:00:00Z", "More search", { file: "search.txt" });
    repo.checkout("dev");
    repo.merge("more", "2025-03-14T10:00:00Z", "Merge pull request #12 from zoe/more", mike);
    repo.checkout("main");
    repo.merge("dev", "2025-03-15T10:00:00Z", "Merge pull request #13 from acme/dev", mike);
    const again = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(again.status).toBe("ok");
    expect(again.records.pull_request).toBe(1);
    expect((await pullRequests()).map((p) => [p.number, p.merged_at])).toEqual([
      [7, "2025-03-03T10:00:00.000Z"],
      [8, "2025-03-04T10:00:00.000Z"],
      [10, "2025-03-09T10:00:00.000Z"],
      [11, "2025-03-11T10:00:00.000Z"],
      [12, "2025-03-14T10:00:00.000Z"],
    ]);
  });
});
