import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { altimeter } from "../../support/cli";
import { freshDatabase, importObjects } from "../../support/db";

const tmp = mkdtempSync(path.join(tmpdir(), "altimeter-fields-"));

describe("event format 1.1: parents, pull request title and labels, fixDeploymentId", async () => {
  const store = await freshDatabase();
  afterAll(() => store.dispose());
  const rows = (sql: string) => store.db.rows(sql);

  test("NDJSON lists are stored as given, absent stays absent, and a re-import is a no-op", async () => {
    const records = [
      { type: "commit", repositoryId: "r", sha: "a", authoredAt: "2026-01-01T00:00:00Z", parents: [] },
      { type: "commit", repositoryId: "r", sha: "b", authoredAt: "2026-01-02T00:00:00Z", parents: ["a", "x"] },
      { type: "commit", repositoryId: "r", sha: "c", authoredAt: "2026-01-03T00:00:00Z" },
      {
        type: "pull_request",
        repositoryId: "r",
        number: 1,
        authorId: "ana",
        createdAt: "2026-01-01T00:00:00Z",
        title: "Revert: oops",
        labels: ["hotfix", "P1"],
      },
      { type: "incident", id: "i1", openedAt: "2026-01-01T00:00:00Z", fixDeploymentId: "d1" },
    ];
    for (let i = 0; i < 2; i++) {
      const summary = await importObjects(store.db, "acme", records);
      expect(summary.rejectedTotal).toBe(0);
      expect(summary.unknownFields).toEqual([]);
    }
    expect(await rows("SELECT sha, parents FROM commits ORDER BY sha")).toEqual([
      { sha: "a", parents: "[]" },
      { sha: "b", parents: '["a","x"]' },
      { sha: "c", parents: null },
    ]);
    expect(await rows("SELECT title, labels FROM pull_requests")).toEqual([
      { title: "Revert: oops", labels: '["hotfix","P1"]' },
    ]);
    expect(await rows("SELECT fix_deployment_id FROM incidents")).toEqual([{ fix_deployment_id: "d1" }]);
    // The last write wins whole: a record without the fields clears them.
    await importObjects(store.db, "acme", [{ ...records[1], parents: null }]);
    expect(await rows("SELECT parents FROM commits WHERE sha = 'b'")).toEqual([{ parents: null }]);
  });

  test("lists of the wrong kind are rejected with the field and the position", async () => {
    const summary = await importObjects(store.db, "bad", [
      { type: "commit", repositoryId: "r", sha: "a", authoredAt: "2026-01-01T00:00:00Z", parents: "b" },
      { type: "commit", repositoryId: "r", sha: "a", authoredAt: "2026-01-01T00:00:00Z", parents: [""] },
      {
        type: "pull_request",
        repositoryId: "r",
        number: 1,
        authorId: "ana",
        createdAt: "2026-01-01T00:00:00Z",
        labels: ["ok", 3],
      },
    ]);
    expect(summary.rejected.map((r) => r.reason)).toEqual([
      '"parents" must be an array of strings, got the string "b"',
      '"parents[0]" must be a non-empty id',
      '"labels[1]" must be a string, got number 3',
    ]);
  });

  test("in CSV a list is one cell, items separated by ;", async () => {
    const commits = path.join(tmp, "commits.csv");
    writeFileSync(
      commits,
      ["repositoryId,sha,authoredAt,parents", "r,m,2026-01-05T10:00:00Z,p1;p2", "r,n,2026-01-05T11:00:00Z,"].join("\n"),
    );
    const prs = path.join(tmp, "pull_requests.csv");
    writeFileSync(
      prs,
      [
        "repositoryId,number,authorId,createdAt,title,labels",
        'r,7,ana,2026-01-05T10:00:00Z,"Hotfix: totals, again",hotfix; needs review',
      ].join("\n"),
    );
    const run = altimeter(["import", commits, prs, "--workspace", "csv", "--json"], { db: store.file });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).imported).toEqual({ commit: 2, pull_request: 1 });
    expect(
      await rows(
        "SELECT c.sha, c.parents FROM commits c JOIN workspaces w ON w.id = c.workspace_id AND w.slug = 'csv' ORDER BY sha",
      ),
    ).toEqual([
      { sha: "m", parents: '["p1","p2"]' },
      { sha: "n", parents: null },
    ]);
    expect(await rows("SELECT title, labels FROM pull_requests WHERE number = 7")).toEqual([
      { title: "Hotfix: totals, again", labels: '["hotfix","needs review"]' },
    ]);
  });
});
