import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { closeDatabase, type Db, openDatabase } from "@/db/client";
import { sqliteBulk } from "@/db/sqlite";
import { freshDatabase, TEST_ENGINE } from "@/test/support/db";

let store: Awaited<ReturnType<typeof freshDatabase>>;
let db: Db;

/** Lets other callers run: a transaction's work that awaits something outside the store. */
const elsewhere = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.skipIf(TEST_ENGINE !== "sqlite")("the SQLite store's transactions", () => {
  beforeEach(async () => {
    store = await freshDatabase();
    db = store.db;
  });
  afterEach(async () => store.dispose());

  test("several waiting for one transaction each begin their own when it ends, one after another", async () => {
    const order: string[] = [];
    const work = (name: string) =>
      db.atomic(async (tx) => {
        order.push(`${name} begins`);
        await elsewhere();
        await tx.exec("INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?)", [name, name, 0]);
        order.push(`${name} ends`);
        return name;
      });
    expect(await Promise.all([work("a"), work("b"), work("c"), work("d")])).toEqual(["a", "b", "c", "d"]);
    expect(order).toEqual(["a begins", "a ends", "b begins", "b ends", "c begins", "c ends", "d begins", "d ends"]);
    expect(await db.value("SELECT count(*) FROM workspaces")).toBe(4);
  });

  test("a bulk write waits for the transaction in progress and never joins it", async () => {
    const bulk = sqliteBulk(db);
    if (!bulk) throw new Error("a SQLite store has a bulk writer");
    const failing = db.atomic(async (tx) => {
      await tx.exec("INSERT INTO workspaces (slug, name, created_at) VALUES ('rolled-back', 'x', 0)");
      await elsewhere();
      throw new Error("this transaction fails");
    });
    const written = bulk((run) => {
      for (const slug of ["kept-1", "kept-2"])
        run("INSERT INTO workspaces (slug, name, created_at) VALUES (?, ?, ?)", [slug, slug, 0]);
    });
    await expect(failing).rejects.toThrow("this transaction fails");
    await written;
    expect(await db.tuples("SELECT slug FROM workspaces ORDER BY slug")).toEqual([["kept-1"], ["kept-2"]]);
  });

  test("a bulk write that throws keeps none of its rows", async () => {
    const bulk = sqliteBulk(db)!;
    await expect(
      bulk((run) => {
        run("INSERT INTO workspaces (slug, name, created_at) VALUES ('lost', 'x', 0)", []);
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await db.value("SELECT count(*) FROM workspaces")).toBe(0);
  });
});

describe.skipIf(TEST_ENGINE !== "sqlite")("how long a SQLite connection waits for another's lock", () => {
  test("openDatabase's busyTimeoutMs sets it (the app waits less than the CLI), 5 s when not given", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "altimeter-busy-"));
    const file = path.join(dir, "altimeter.db");
    const cli = await openDatabase(file);
    const app = await openDatabase(file, { busyTimeoutMs: 1_000 });
    try {
      expect(await cli.value("PRAGMA busy_timeout")).toBe(5_000);
      expect(await app.value("PRAGMA busy_timeout")).toBe(1_000);
    } finally {
      await closeDatabase(app);
      await closeDatabase(cli);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
