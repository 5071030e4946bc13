import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { importSources } from "@/lib/import/importer";
import { recordsPerTransaction } from "@/lib/queries/ingest";
import { getMetricsReport } from "@/lib/service/metrics";
import { freshDatabase, importObjects, TEST_ENGINE } from "../support/db";
import { deployment, repository } from "../factories";

// Findings 4 and 5: a --strict import held the write lock for the whole file (an events POST
// meanwhile failed with 500), and a killed import left cached numbers behind what was stored.
const store = await freshDatabase();
process.env.ALTIMETER_DB = store.file;
process.env.ALTIMETER_EVENTS_TOKEN_BUSY = "busy-token";
const { POST } = await import("@/app/api/events/route");
afterAll(() => store.dispose());
/** Records per import transaction on this store (5,000 on SQLite, more on PostgreSQL). */
const BATCH_SIZE = recordsPerTransaction(store.db);

// SQLite has one write lock for the whole store, so the SQLite tests take it from a second
// connection. PostgreSQL has none (writers lock rows and wait for each other): there a writer
// must not keep a transaction open while it reads, and a write transaction elsewhere refuses nobody.
const sqliteOnly = test.skipIf(TEST_ENGINE !== "sqlite");
const postgresOnly = test.skipIf(TEST_ENGINE !== "postgres");

/** A second connection, as another process (the CLI, the worker) would hold, that never waits for a lock. */
function otherConnection() {
  const other = new Database(store.file);
  other.pragma("busy_timeout = 0");
  return other;
}

/** Whether another connection can take the write lock right now. */
function writeLockIsFree(): boolean {
  const other = otherConnection();
  try {
    other.exec("BEGIN IMMEDIATE");
    other.exec("ROLLBACK");
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  } finally {
    other.close();
  }
}

/** PostgreSQL: how many other connections to this database are inside a transaction right now. */
function openTransactions(): Promise<number | undefined> {
  return store.db.value<number>(
    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL",
  );
}

function* deployments(n: number, prefix: string) {
  for (let i = 0; i < n; i++)
    yield deployment({ id: `${prefix}-${i}`, repositoryId: "repo", finishedAt: "2026-01-05T10:00:00Z" });
}

describe("writers never hold the store for long, and a busy store is a 503", () => {
  sqliteOnly(
    "a --strict import leaves the write lock free while it reads and between the batches it writes",
    async () => {
      await importObjects(store.db, "busy", [repository({ id: "repo" })]);
      const freeWhileReading: boolean[] = [];
      const freeBetweenBatches: boolean[] = [];
      async function* records() {
        let n = 0;
        for (const d of deployments(3 * BATCH_SIZE + 10, "strict")) {
          if (++n % BATCH_SIZE === 0) freeWhileReading.push(writeLockIsFree());
          yield d;
        }
      }
      const summary = await importSources(store.db, {
        workspace: "busy",
        strict: true,
        sources: [{ name: "big", format: "objects", records: records() }],
        onProgress: () => freeBetweenBatches.push(writeLockIsFree()),
      });
      expect(summary.imported.deployment).toBe(3 * BATCH_SIZE + 10);
      expect(summary.rolledBack).toBe(false);
      expect(freeWhileReading).toEqual([true, true, true]);
      expect(freeBetweenBatches).toEqual([true, true, true, true]);
    },
  );

  postgresOnly("a --strict import holds no transaction open while it reads, and writes in batches", async () => {
    await importObjects(store.db, "busy", [repository({ id: "repo" })]);
    const openWhileReading: (number | undefined)[] = [];
    async function* records() {
      let n = 0;
      for (const d of deployments(3 * BATCH_SIZE + 10, "strict")) {
        if (++n % BATCH_SIZE === 0) openWhileReading.push(await openTransactions());
        yield d;
      }
    }
    const written: number[] = [];
    const summary = await importSources(store.db, {
      workspace: "busy",
      strict: true,
      sources: [{ name: "big", format: "objects", records: records() }],
      onProgress: ({ records }) => written.push(records),
    });
    expect(summary.imported.deployment).toBe(3 * BATCH_SIZE + 10);
    expect(summary.rolledBack).toBe(false);
    expect(openWhileReading).toEqual([0, 0, 0]);
    expect(written).toEqual([BATCH_SIZE, 2 * BATCH_SIZE, 3 * BATCH_SIZE, 3 * BATCH_SIZE + 10]);
    expect(await openTransactions()).toBe(0);
  });

  test("a --strict import with a rejected line stores nothing, not even its workspace", async () => {
    const summary = await importSources(store.db, {
      workspace: "never-created",
      strict: true,
      sources: [{ name: "bad", format: "objects", records: [repository({ id: "r" }), { type: "nope" }] }],
    });
    expect(summary.rolledBack).toBe(true);
    expect(await store.db.value("SELECT count(*) FROM workspaces WHERE slug = 'never-created'")).toBe(0);
  });

  sqliteOnly(
    "an events POST while another connection holds the write lock is a 503 with Retry-After, not a 500",
    async () => {
      const other = otherConnection();
      other.exec("BEGIN IMMEDIATE");
      try {
        const res = await POST(
          new Request("http://localhost/api/events?workspace=busy", {
            method: "POST",
            headers: { "content-type": "application/x-ndjson", authorization: "Bearer busy-token" },
            body: `${JSON.stringify(deployment({ repositoryId: "repo" }))}\n`,
          }),
        );
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("2");
        expect(await res.json()).toEqual({
          error: {
            code: "unavailable",
            message: "the store is busy with another writer (an import or a sync): try again in 2 s",
          },
        });
      } finally {
        other.exec("ROLLBACK");
        other.close();
      }
    },
  );

  postgresOnly(
    "an events POST while another connection is inside a write transaction is stored, not refused",
    async () => {
      const status = await store.db.atomic(async (tx) => {
        await tx.exec("INSERT INTO workspaces (slug, name, created_at) VALUES ('busy-other', 'busy-other', ?)", [
          Date.now(),
        ]);
        const res = await POST(
          new Request("http://localhost/api/events?workspace=busy", {
            method: "POST",
            headers: { "content-type": "application/x-ndjson", authorization: "Bearer busy-token" },
            body: `${JSON.stringify(deployment({ id: "while-busy", repositoryId: "repo" }))}\n`,
          }),
        );
        return res.status;
      });
      expect(status).toBe(200);
      expect(await store.db.value("SELECT count(*) FROM deployments WHERE id = 'while-busy'")).toBe(1);
    },
  );

  postgresOnly(
    "an events POST that meets an import's batch in the middle queues behind it and is stored when it commits",
    async () => {
      // An import's batch transaction holds the workspace's row lock (upsertRecords takes it first).
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked: () => void = () => {};
      const holding = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const batch = store.db.atomic(async (tx) => {
        await tx.exec("UPDATE workspaces SET data_version = data_version + 1 WHERE slug = 'busy'");
        locked();
        await released;
      });
      await holding;
      const post = POST(
        new Request("http://localhost/api/events?workspace=busy", {
          method: "POST",
          headers: { "content-type": "application/x-ndjson", authorization: "Bearer busy-token" },
          body: `${JSON.stringify(deployment({ id: "queued", repositoryId: "repo" }))}\n`,
        }),
      );
      // Until the POST is seen waiting for that lock (no clock: the server says so).
      while (
        (await store.db.value<number>(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )) === 0
      )
        await new Promise((resolve) => setImmediate(resolve));
      release();
      await batch;
      expect((await post).status).toBe(200);
      expect(await store.db.value("SELECT count(*) FROM deployments WHERE id = 'queued'")).toBe(1);
    },
  );

  postgresOnly(
    "an events POST that waits past the app's lock wait for another writer is a 503 with Retry-After",
    async () => {
      // Another connection (a CLI import, a worker) holds a lock every writer of deployments needs
      // until it commits; the app waits (db/postgres.ts MIN_LOCK_WAIT_MS), then answers 503 instead of hanging.
      await store.db.atomic(async (tx) => {
        await tx.exec("LOCK TABLE deployments IN EXCLUSIVE MODE");
        const res = await POST(
          new Request("http://localhost/api/events?workspace=busy", {
            method: "POST",
            headers: { "content-type": "application/x-ndjson", authorization: "Bearer busy-token" },
            body: `${JSON.stringify(deployment({ id: "behind-a-lock", repositoryId: "repo" }))}\n`,
          }),
        );
        expect(res.status).toBe(503);
        expect(res.headers.get("retry-after")).toBe("2");
        expect(await res.json()).toEqual({
          error: {
            code: "unavailable",
            message: "the store is busy with another writer (an import or a sync): try again in 2 s",
          },
        });
      });
      expect(await store.db.value("SELECT count(*) FROM deployments WHERE id = 'behind-a-lock'")).toBe(0);
    },
  );

  test("rows committed by an import that then dies are in the numbers at once (the cache version moved)", async () => {
    const query = { workspace: "busy", from: "2026-01-05", to: "2026-01-12" };
    const before = (await getMetricsReport(store.db, query)).deploymentFrequency.deployments;
    async function* diesAfterOneBatch() {
      yield* deployments(BATCH_SIZE + 1, "killed");
      throw new Error("killed");
    }
    await expect(
      importSources(store.db, {
        workspace: "busy",
        sources: [{ name: "dying", format: "objects", records: diesAfterOneBatch() }],
      }),
    ).rejects.toThrow("killed");
    const after = (await getMetricsReport(store.db, query)).deploymentFrequency.deployments;
    expect(after).toBe(before + BATCH_SIZE);
  });
});
