import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { Db } from "@/db/client";
import { getDrillDownTable } from "@/lib/service/metrics";
import { freshDatabase } from "../../support/db";
import { TestRepository, type Author } from "./repo";

const mike: Author = { name: "Mike Cao", email: "mike@shop.example" };
const zoe: Author = { name: "Zoe Park", email: "zoe@home.example" };
const march = { workspace: "shop", from: "2025-03-01", to: "2025-04-01" };

const context = (db: Db) => ({
  db,
  workspace: "shop",
  now: () => Date.parse("2025-05-01T00:00:00Z"),
  progress: () => {},
});

const column = (t: { columns: string[]; rows: unknown[][] }, name: string) =>
  t.rows.map((r) => r[t.columns.indexOf(name)]);

describe("squash merges collected from git only", async () => {
  const store = await freshDatabase();
  const repo = new TestRepository("shop");
  beforeAll(async () => {
    repo.commit(mike, "2025-01-02T09:00:00Z", "Initial commit");
    // GitHub dates a squash commit's author at the merge: when Zoe began is not in git.
    repo.commit(zoe, "2025-03-05T10:00:00Z", "Add search (#4)");
    repo.tag("v1.0", "2025-03-06T10:00:00Z");
    // Squashed locally and rebased: the author date still says when the work was written.
    repo.commit(mike, "2025-03-06T08:00:00Z", "Fix totals (#5)", { committedAt: "2025-03-07T09:00:00Z" });
    repo.tag("v1.1", "2025-03-08T09:00:00Z");
    const result = await gitCollector.collect(context(store.db), gitConfig({ repositories: [{ path: repo.dir }] }));
    expect(result.status).toBe("ok");
  });
  afterAll(async () => {
    repo.dispose();
    await store.dispose();
  });

  test("lead time marks the change whose coding time is unknown and says how many there are", async () => {
    const { table } = await getDrillDownTable(store.db, march, "leadTime");
    expect(column(table, "pullRequest")).toEqual([4, 5]);
    expect(column(table, "leadTimeHours")).toEqual([24, 49]);
    expect(column(table, "counted")).toEqual([
      "counted; coding time unknown (squash merge, git only): measured from the merge",
      true,
    ]);
    expect(table.notes).toEqual([
      "1 of 2 changes have an unknown coding time (squash merges collected from git only): their lead time runs from the merge, not the first commit. Collecting from GitHub fills it.",
    ]);
  });

  test("a newcomer whose first commit is their squash merge has an unknown onboarding time, not 0 days", async () => {
    const { table } = await getDrillDownTable(store.db, march, "onboarding");
    expect(column(table, "person")).toEqual(["zoe"]);
    expect(column(table, "startFrom")).toEqual([
      "firstCommit; onboarding time unknown: the first commit is the squash merge itself (git only)",
    ]);
    expect(table.notes).toEqual([
      "1 of 1 onboarded newcomers have an unknown onboarding time, not 0 days: their first commit is the squash merge of their first pull request (git only). Collecting from GitHub fills it.",
    ]);
  });
});
