import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { altimeter, type CliResult } from "../support/cli";
import { freshDatabase, TEST_ENGINE } from "../support/db";

// The same shared example on SQLite and on PostgreSQL: `altimeter metrics
// --json` prints the same document on both, byte for byte but for the instant
// it was asked (generatedAt). Runs in the postgres
// project (it needs the server); the unit project skips it.

const EXAMPLES = fileURLToPath(new URL("../fixtures/examples/", import.meta.url));
const cases = (
  JSON.parse(readFileSync(`${EXAMPLES}small-org.expected.json`, "utf8")) as {
    args: { from: string; to: string; team: string | null; series: string | null };
  }[]
).map((c) => c.args);

describe.runIf(TEST_ENGINE === "postgres")("small-org on SQLite and on PostgreSQL", () => {
  let pg: Awaited<ReturnType<typeof freshDatabase>>;
  let dir: string;
  let sqlite: string;
  let imported: { sqlite: CliResult; postgres: CliResult };

  beforeAll(async () => {
    pg = await freshDatabase();
    dir = mkdtempSync(path.join(tmpdir(), "altimeter-engines-"));
    sqlite = path.join(dir, "altimeter.db");
    const load = (db: string) =>
      altimeter(["import", `${EXAMPLES}small-org.ndjson`, "--workspace", "acme", "--json"], { db });
    imported = { sqlite: load(sqlite), postgres: load(pg.file) };
  });
  afterAll(async () => {
    await pg?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("imports the same records and rejects the same lines", () => {
    expect(imported.postgres.stderr).toBe(imported.sqlite.stderr);
    expect(imported.postgres.status).toBe(imported.sqlite.status);
    expect(JSON.parse(imported.postgres.stdout)).toEqual(JSON.parse(imported.sqlite.stdout));
  });

  test.each(cases.map((c) => [`${c.team ?? "workspace"} ${c.from}..${c.to}${c.series ? " by week" : ""}`, c] as const))(
    "prints the same altimeter metrics --json for %s",
    (_name, c) => {
      const args = ["metrics", "--workspace", "acme", "--from", c.from, "--to", c.to, "--json"];
      if (c.team) args.push("--team", c.team);
      if (c.series) args.push("--series", c.series);
      const onSqlite = altimeter(args, { db: sqlite });
      const onPostgres = altimeter(args, { db: pg.file });
      expect(onSqlite.status).toBe(0);
      expect(onPostgres.stderr).toBe(onSqlite.stderr);
      expect(onPostgres.status).toBe(0);
      // The same document, key order and number formatting included, but for the instant it was asked.
      const asked = /"generatedAt": ?("[^"]*"|\d+)/;
      expect(onPostgres.stdout.replace(asked, "")).toBe(onSqlite.stdout.replace(asked, ""));
    },
  );
});
