import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";

const EXAMPLES = fileURLToPath(new URL("../../fixtures/examples/", import.meta.url));
const WINDOW = ["--from", "2026-01-05", "--to", "2026-04-06"];

/** The metrics of a workspace as the CLI prints them, minus the instant it was asked. */
function metricsJson(db: string, workspace: string): unknown {
  const run = altimeter(["metrics", "--workspace", workspace, ...WINDOW, "--json"], { db });
  expect(run.status, run.stderr).toBe(0);
  const out = JSON.parse(run.stdout) as Record<string, unknown>;
  delete out.generatedAt;
  return out;
}

function copy(from: string, to: string) {
  return altimeter(["store", "copy", "--from", from, "--to", to, "--json"], { db: "" });
}

async function count(target: string, sql: string): Promise<number> {
  const db = await openDatabase(target);
  try {
    return Number(await db.value(sql));
  } finally {
    await closeDatabase(db);
  }
}

/**
 * The source is a SQLite file; the target is this project's store (SQLite in
 * the unit project, PostgreSQL in the postgres project), copied back into a
 * second SQLite file, so the postgres project proves both directions.
 */
describe("altimeter store copy moves a whole instance between stores", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "altimeter-copy-"));
  const source = { file: path.join(dir, "source.db") };
  const back = path.join(dir, "back.db");
  const target = await freshDatabase();
  beforeAll(async () => {
    await target.dispose(); // the copy creates (SQLite) or migrates (PostgreSQL) the target itself
    const imported = altimeter(["import", `${EXAMPLES}small-org.ndjson`, "--workspace", "acme", "--json"], {
      db: source.file,
    });
    expect(imported.status).toBe(2); // the example's nine invalid lines
    expect(
      altimeter(["import", `${EXAMPLES}v2-org.ndjson`, "--workspace", "v2", "--json"], { db: source.file }).status,
    ).toBeLessThan(3);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("every table's rows arrive, counts are checked, and metrics --json reads the same on both", async () => {
    const run = copy(source.file, target.file);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      workspaces: string[];
      tables: { table: string; source: number; target: number }[];
      mismatched: unknown[];
    };
    expect(report.workspaces).toEqual(["acme", "v2"]);
    expect(report.mismatched).toEqual([]);
    const deployments = report.tables.find((t) => t.table === "deployments")!;
    expect(deployments.source).toBeGreaterThan(0);
    expect(deployments.target).toBe(deployments.source);
    expect(metricsJson(target.file, "acme")).toEqual(metricsJson(source.file, "acme"));
    expect(metricsJson(target.file, "v2")).toEqual(metricsJson(source.file, "v2"));

    const home = copy(target.file, back);
    expect(home.status, home.stderr).toBe(0);
    expect(JSON.parse(home.stdout).tables).toEqual(report.tables);
    expect(metricsJson(back, "v2")).toEqual(metricsJson(source.file, "v2"));
  });

  test("run again, or after being stopped half-way, it finishes without a duplicate", async () => {
    const before = await count(target.file, "SELECT count(*) FROM commits");
    const db = await openDatabase(target.file);
    await db.exec("DELETE FROM commits WHERE sha IN (SELECT sha FROM commits ORDER BY sha LIMIT 10)");
    await closeDatabase(db);
    expect(await count(target.file, "SELECT count(*) FROM commits")).toBe(before - 10);
    const again = copy(source.file, target.file);
    expect(again.status, again.stderr).toBe(0);
    expect(await count(target.file, "SELECT count(*) FROM commits")).toBe(before);
    expect(metricsJson(target.file, "acme")).toEqual(metricsJson(source.file, "acme"));
  });

  test("a target holding another organisation under the same id is refused before anything is written", async () => {
    const other = path.join(dir, "other.db");
    expect(altimeter(["import", `${EXAMPLES}small-org.ndjson`, "--workspace", "globex"], { db: other }).status).toBe(2);
    const commitsBefore = await count(other, "SELECT count(*) FROM commits");
    const run = copy(source.file, other);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/already holds other workspaces under the same ids or slugs: acme \(its id 1 is globex/);
    expect(await count(other, "SELECT count(*) FROM commits")).toBe(commitsBefore);
    expect(await count(other, "SELECT count(*) FROM workspaces")).toBe(1);
  });

  test("bad input names the problem", () => {
    const same = copy(source.file, source.file);
    expect(same.status).toBe(1);
    expect(same.stderr).toMatch(/--from and --to name the same store/);
    const missing = altimeter(["store", "copy", "--to", target.file], { db: "" });
    expect(missing.stderr).toMatch(/--from is required/);
    const unknown = altimeter(["store", "move"], { db: "" });
    expect(unknown.stderr).toMatch(/unknown store action "move"/);
  });
});
