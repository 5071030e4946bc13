import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import type { Db } from "@/db/client";
import { openDatabase, closeDatabase } from "@/db/client";
import { altimeter } from "../../support/cli";
import { freshDatabase, importText } from "../../support/db";

const EXAMPLE = fileURLToPath(new URL("../../fixtures/examples/small-org.ndjson", import.meta.url));
const TABLES = [
  "workspaces",
  "teams",
  "repositories",
  "people",
  "commits",
  "pull_requests",
  "deployments",
  "ci_runs",
  "incidents",
  "repository_files",
];

/** Row counts and a hash of every stored value, workspace bookkeeping aside. */
async function fingerprint(db: Db): Promise<{ counts: Record<string, number>; hash: string }> {
  const hash = createHash("sha256");
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await db.rows(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
    counts[table] = rows.length;
    for (const row of rows) {
      if (table === "workspaces") {
        delete row.data_version;
        delete row.links_version;
      }
      hash.update(JSON.stringify(row));
    }
  }
  return { counts, hash: hash.digest("hex") };
}

const tmp = mkdtempSync(path.join(tmpdir(), "altimeter-import-"));

describe("importing is idempotent and keeps what is valid", async () => {
  const store = await freshDatabase();
  afterAll(() => store.dispose());

  test("importing the same file twice changes nothing (row counts and a content hash)", async () => {
    const first = altimeter(["import", EXAMPLE, "--workspace", "acme"], { db: store.file });
    expect(first.status).toBe(2);
    const db = await openDatabase(store.file);
    const before = await fingerprint(db);
    const second = altimeter(["import", EXAMPLE, "--workspace", "acme"], { db: store.file });
    expect(second.status).toBe(2);
    const after = await fingerprint(db);
    void closeDatabase(db);
    expect(after).toEqual(before);
    // 197 deployment lines, two of which replace earlier ones.
    expect(before.counts.deployments).toBe(195);
  });

  test("a second import of the same file (COPY and merge on PostgreSQL) prints the same metrics --json as the first", async () => {
    const s = await freshDatabase();
    const metrics = () => {
      const run = altimeter(
        ["metrics", "--workspace", "again", "--from", "2026-01-05", "--to", "2026-04-06", "--json"],
        {
          db: s.file,
        },
      );
      expect(run.status).toBe(0);
      // The same document but for the instant it was asked.
      return run.stdout.replace(/"generatedAt": ?("[^"]*"|\d+)/, "");
    };
    const first = altimeter(["import", EXAMPLE, "--workspace", "again", "--json"], { db: s.file });
    expect(first.status).toBe(2);
    const counted = (await fingerprint(s.db)).counts;
    const before = metrics();
    expect(JSON.parse(before).deploymentFrequency.deployments).toBeGreaterThan(0);
    const second = altimeter(["import", EXAMPLE, "--workspace", "again", "--json"], { db: s.file });
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect((await fingerprint(s.db)).counts).toEqual(counted);
    expect(metrics()).toBe(before);
    await s.dispose();
  });

  test("--strict imports nothing from a file with a bad line, and stores nothing new", async () => {
    const s = await freshDatabase();
    const file = path.join(tmp, "strict.ndjson");
    writeFileSync(file, `{"type":"team","id":"a","name":"A"}\n{"type":"team","id":"b"}\n`);
    const run = altimeter(["import", file, "--workspace", "strict", "--strict", "--json"], { db: s.file });
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({
      rolledBack: true,
      rejected: [{ line: 2, reason: 'missing required field "name"' }],
    });
    expect((await fingerprint(s.db)).counts).toMatchObject({ workspaces: 0, teams: 0 });
    const ok = altimeter(["import", file, "--workspace", "strict"], { db: s.file });
    expect(ok.status).toBe(2);
    expect((await fingerprint(s.db)).counts).toMatchObject({ workspaces: 1, teams: 1 });
    await s.dispose();
  });

  test("a rejected line replaces nothing already stored", async () => {
    await importText(store.db, "keep", `{"type":"team","id":"t","name":"Original"}\n`);
    const summary = await importText(store.db, "keep", `{"type":"team","id":"t","name":7}\n`);
    expect(summary.rejectedTotal).toBe(1);
    expect(await store.db.value("SELECT name FROM teams WHERE id = 't'")).toBe("Original");
  });

  test("a record replaced by a later one keeps none of the fields it lacks", async () => {
    await importText(
      store.db,
      "whole",
      `{"type":"repository","id":"r","name":"a/r","createdAt":"2020-01-01T00:00:00Z","teamId":"t","url":"https://x"}\n`,
    );
    await importText(
      store.db,
      "whole",
      `{"type":"repository","id":"r","name":"a/r2","createdAt":"2020-01-01T00:00:00Z"}\n`,
    );
    expect(await store.db.row("SELECT name, team_id, url FROM repositories WHERE id = 'r'")).toEqual({
      name: "a/r2",
      team_id: null,
      url: null,
    });
  });

  test("the snapshot with the latest observedAt wins, whatever order they arrive in", async () => {
    const snap = (at: string, file: string) =>
      `{"type":"repository_files","repositoryId":"r","observedAt":"${at}","files":[{"path":"${file}"}]}`;
    await importText(
      store.db,
      "snap",
      [snap("2026-02-01T00:00:00Z", "new.tf"), snap("2026-01-01T00:00:00Z", "old.tf")].join("\n"),
    );
    expect(await store.db.value("SELECT files FROM repository_files WHERE repository_id = 'r'")).toBe(
      '[{"path":"new.tf"}]',
    );
  });
});

describe("CSV and standard input", () => {
  test("a CSV file imports by its header, empty cells are absent, bad rows are rejected with their line", async () => {
    const s = await freshDatabase();
    const file = path.join(tmp, "deployments.csv");
    writeFileSync(
      file,
      [
        "id,repositoryId,environment,status,createdAt,finishedAt,sha",
        "d1,r,production,success,2026-01-05T10:00:00Z,2026-01-05T10:05:00Z,",
        `d2,r,"prod, eu",failure,2026-01-05T11:00:00Z,2026-01-05T11:05:00Z,abc`,
        "d3,r,production,shipped,2026-01-05T12:00:00Z,,",
        "d4,r,production",
      ].join("\r\n"),
    );
    const run = altimeter(["import", file, "--workspace", "csv", "--json"], { db: s.file });
    expect(run.status).toBe(2);
    const summary = JSON.parse(run.stdout);
    expect(summary.imported).toEqual({ deployment: 2 });
    expect(summary.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5]);
    expect(summary.rejected[1].reason).toBe("has 3 cells, the header has 7");
    expect(await s.db.rows("SELECT environment, sha FROM deployments ORDER BY id")).toEqual([
      { environment: "production", sha: null },
      { environment: "prod, eu", sha: "abc" },
    ]);
    void s.dispose();
  });

  test("NDJSON arrives on standard input as -, and a file that does not exist fails before anything is written", async () => {
    const s = await freshDatabase();
    const run = altimeter(["import", "-", "--workspace", "stdin"], {
      db: s.file,
      input: `{"type":"team","id":"a","name":"A"}\n`,
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("imported 1 team");
    const missing = altimeter(["import", "-", path.join(tmp, "nope.ndjson"), "--workspace", "other"], {
      db: s.file,
      input: "",
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("nope.ndjson: no such file");
    expect(await s.db.tuples("SELECT slug FROM workspaces")).toEqual([["stdin"]]);
    void s.dispose();
  });
});
