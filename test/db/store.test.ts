import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Db } from "@/db/client";
import { openPostgres } from "@/db/postgres";
import { freshDatabase, TEST_ENGINE } from "../support/db";
import { adminConnection, databaseUrl, uniqueDatabaseName } from "../support/postgres";

// The portable store's contract, on the engine of this project (SQLite in
// "unit", PostgreSQL in "postgres"): the same SQL text, the same values back.

let store: Awaited<ReturnType<typeof freshDatabase>>;
let db: Db;

beforeAll(async () => {
  store = await freshDatabase();
  db = store.db;
  await db.exec("INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?)", [
    "acme",
    "Acme",
    1_700_000_000_000,
  ]);
});
afterAll(async () => {
  await store.dispose();
});

describe(`the store on ${TEST_ENGINE}`, () => {
  it("says which engine it is and where, without a password", () => {
    expect(db.engine).toBe(TEST_ENGINE);
    if (TEST_ENGINE === "postgres") {
      const password = new URL(store.file).password;
      expect(password).not.toBe("");
      expect(db.location).not.toContain(password);
      expect(db.location).toMatch(/^postgres:\/\/altimeter:\*\*\*@127\.0\.0\.1:\d+\/altimeter_test_/);
    } else expect(db.location).toBe(store.file);
  });

  it("reads rows, tuples, one row and one value, with ? placeholders left alone inside quotes", async () => {
    const id = await db.value<number>("SELECT id FROM workspaces WHERE slug = ?", ["acme"]);
    expect(id).toBe(1);
    expect(await db.rows("SELECT slug, name, 'a?b' AS quoted FROM workspaces WHERE id = ?", [id!])).toEqual([
      { slug: "acme", name: "Acme", quoted: "a?b" },
    ]);
    expect(await db.tuples("SELECT slug, created_at FROM workspaces")).toEqual([["acme", 1_700_000_000_000]]);
    expect(
      await db.mapped("SELECT slug, created_at FROM workspaces WHERE id = ?", [id!], ([slug, at]) => `${slug}@${at}`),
    ).toEqual(["acme@1700000000000"]);
    expect(await db.mapped("SELECT slug FROM workspaces WHERE id = ?", [-1], (t) => t)).toEqual([]);
    expect(await db.row("SELECT name FROM workspaces WHERE slug = ?", ["nobody"])).toBeUndefined();
    expect(await db.value("SELECT name FROM workspaces WHERE slug = ?", ["nobody"])).toBeUndefined();
    // A row whose first column is NULL gives null, not "no row".
    expect(await db.value("SELECT max(name) FROM workspaces WHERE slug = ?", ["nobody"])).toBeNull();
  });

  it("reads a large blob whole, by numbers and strings written as literals, and says none without a row or for NULL", async () => {
    const id = (await db.value<number>("SELECT id FROM workspaces WHERE slug = ?", ["acme"]))!;
    // 3 MB of every byte value, past any single network packet or page.
    const blob = Uint8Array.from({ length: 3_000_000 }, (_, i) => (i * 7919) & 255);
    await db.exec("INSERT INTO metric_snapshots (workspace_id, data_version, shape, bytes) VALUES (?, ?, ?, ?)", [
      id,
      7,
      "it's a shape",
      blob,
    ]);
    const read = "SELECT bytes FROM metric_snapshots WHERE workspace_id = ? AND data_version = ? AND shape = ?";
    // More reads than the pool has connections: each read gives its connection back.
    for (let i = 0; i < 6; i++) {
      const got = await db.bytes(read, [id, 7, "it's a shape"]);
      expect(got?.byteLength).toBe(blob.byteLength);
      expect(Buffer.from(got!).equals(Buffer.from(blob))).toBe(true);
    }
    // A blob of a few packets arrives whole before it is read: the same, as many times.
    const small = blob.subarray(0, 40_000);
    await db.exec("UPDATE metric_snapshots SET bytes = ?, data_version = 9", [small]);
    for (let i = 0; i < 6; i++) expect((await db.bytes(read, [id, 9, "it's a shape"]))?.byteLength).toBe(40_000);
    expect(await db.bytes(read, [id, 8, "it's a shape"])).toBeUndefined();
    expect(await db.bytes(read, [id, 9, "'; DROP TABLE workspaces; --"])).toBeUndefined();
    expect(await db.bytes("SELECT NULL")).toBeUndefined();
    expect(await db.value("SELECT count(*) FROM workspaces")).toBe(1);
    await db.exec("DELETE FROM metric_snapshots");
  });

  it("stores booleans as 0/1 and gives counts, sums and averages of millisecond instants as numbers", async () => {
    const rows: [string, number, boolean][] = [
      ["a", 1_700_000_000_000, true],
      ["b", 1_700_000_000_001, false],
      ["c", 1_700_000_000_005, true],
    ];
    for (const [id, at, bot] of rows) {
      await db.exec("INSERT INTO people (workspace_id, id, joined_at, is_bot) VALUES (1, ?, ?, ?)", [id, at, bot]);
    }
    expect(await db.rows("SELECT id, is_bot FROM people ORDER BY id")).toEqual([
      { id: "a", is_bot: 1 },
      { id: "b", is_bot: 0 },
      { id: "c", is_bot: 1 },
    ]);
    const totals = await db.row<Record<string, unknown>>(
      "SELECT count(*) AS n, sum(joined_at) AS total, max(joined_at) AS latest, sum(is_bot) AS bots FROM people",
    );
    expect(totals).toEqual({ n: 3, total: 5_100_000_000_006, latest: 1_700_000_000_005, bots: 2 });
    expect(await db.value("SELECT avg(joined_at) FROM people WHERE is_bot = ?", [true])).toBe(1_700_000_000_002.5);
  });

  it("counts the rows a statement changed", async () => {
    expect(await db.exec("UPDATE people SET name = ? WHERE is_bot = ?", ["bot", 1])).toBe(2);
    expect(await db.exec("DELETE FROM people WHERE id = ?", ["nobody"])).toBe(0);
  });

  it("commits an atomic block that resolves and rolls back one that throws", async () => {
    const committed = await db.atomic(async (tx) => {
      await tx.exec("INSERT INTO teams (workspace_id, id, name) VALUES (1, ?, ?)", ["core", "Core"]);
      return tx.value<number>("SELECT count(*) FROM teams");
    });
    expect(committed).toBe(1);
    await expect(
      db.atomic(async (tx) => {
        await tx.exec("INSERT INTO teams (workspace_id, id, name) VALUES (1, ?, ?)", ["web", "Web"]);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await db.tuples("SELECT id FROM teams")).toEqual([["core"]]);
  });

  it("refuses a duplicate key, keeping what was stored", async () => {
    await expect(
      db.exec("INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?)", ["acme", "Again", 1]),
    ).rejects.toThrow();
    expect(await db.value("SELECT count(*) FROM workspaces")).toBe(1);
  });
});

describe.runIf(TEST_ENGINE === "postgres")("opening a PostgreSQL store", () => {
  const server = () => inject("postgresServerUrl");
  const journal = JSON.parse(readFileSync("db/migrations-pg/meta/_journal.json", "utf8")) as { entries: unknown[] };

  it("migrates an empty database once when two processes open it at the same moment", async () => {
    const admin = adminConnection(server());
    const name = uniqueDatabaseName("altimeter_migrate");
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    try {
      const url = databaseUrl(server(), name);
      const [a, b, c] = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
      expect(await a.value("SELECT count(*) FROM drizzle.__drizzle_migrations")).toBe(journal.entries.length);
      expect(await b.value("SELECT count(*) FROM workspaces")).toBe(0);
      await Promise.all([a.close(), b.close(), c.close()]);
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it("never prints the password: a wrong one, an unreachable server, a bad pool size", async () => {
    const url = new URL(server());
    url.password = "hunter2-secret";
    const wrong = await openPostgres(url.toString()).then(
      () => null,
      (error: Error) => error,
    );
    expect(wrong?.message).toMatch(/cannot open the PostgreSQL store at postgres:\/\/altimeter:\*\*\*@127\.0\.0\.1/);
    expect(wrong?.message).toMatch(/password authentication failed/);
    expect(`${wrong?.message} ${wrong?.stack}`).not.toContain("hunter2");

    url.port = "1";
    const unreachable = await openPostgres(url.toString()).then(
      () => null,
      (error: Error) => error,
    );
    expect(unreachable?.message).toMatch(/ECONNREFUSED/);
    expect(`${unreachable?.message} ${unreachable?.stack}`).not.toContain("hunter2");

    await expect(openPostgres(`${url.toString()}?max=lots`)).rejects.toThrow(
      /max=lots in the PostgreSQL URL is not a pool size/,
    );
    await expect(openPostgres("postgres://altimeter:hunter2@[bad")).rejects.not.toThrow(/hunter2/);
  });

  it("takes its pool size from ?max=", async () => {
    const size = await db.value<number>(
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'altimeter'",
    );
    expect(size).toBeGreaterThanOrEqual(1);
    // Eight statements at once on a pool of four: all answered, never more than four connections.
    await Promise.all(Array.from({ length: 8 }, () => db.value("SELECT 1")));
    expect(
      await db.value(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'altimeter'",
      ),
    ).toBe(4);
  });
});
