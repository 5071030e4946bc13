import { afterAll, expect, test } from "vitest";
import { gitCollector, gitConfig } from "@/collectors/git";
import type { CollectorContext } from "@/collectors/types";
import type { Db } from "@/db/client";
import { recordsPerTransaction } from "@/lib/queries/ingest";
import { freshDatabase } from "../../support/db";
import { writeHistory } from "../sync/history";
import { TestRepository } from "./repo";

const repo = new TestRepository("big");
writeHistory(repo.dir, 12_000);
afterAll(() => repo.dispose());

const TABLES = ["repositories", "commits", "people", "pull_requests", "deployments", "sync_cursors"];
const dump = async (db: Db) => {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await db.rows(`SELECT * FROM ${t} ORDER BY 1, 2, 3`);
  return out;
};

test("a git collection interrupted after 6,000 commits (the batches written by then stored) and re-run ends with the data of an uninterrupted one", async () => {
  const reference = await freshDatabase();
  const interrupted = await freshDatabase();
  try {
    const at = () => Date.parse("2026-06-01T00:00:00Z");
    const config = gitConfig({ repositories: [{ path: repo.dir, id: "acme/big" }] });
    await gitCollector.collect({ db: reference.db, workspace: "acme", now: at, progress: () => {} }, config);

    const controller = new AbortController();
    const ctx: CollectorContext = {
      db: interrupted.db,
      workspace: "acme",
      now: at,
      signal: controller.signal,
      progress: (e) => {
        if (e.stream === "commits" && e.done >= 6000) controller.abort(new Error("interrupted"));
      },
    };
    const cut = await gitCollector.collect(ctx, config);
    expect(cut.status).toBe("failed");
    const partial = await dump(interrupted.db);
    // The batches written by then (the store's own size: 5,000 records on SQLite, so the first
    // batch, its repository, files snapshot and 4,998 commits; on PostgreSQL none yet).
    const batch = recordsPerTransaction(interrupted.db);
    expect(partial.commits!.length).toBe(batch <= 6000 ? Math.floor(6000 / batch) * batch - 2 : 0);
    expect(partial.sync_cursors).toEqual([]);

    const rerun = await gitCollector.collect({ ...ctx, signal: undefined, progress: () => {} }, config);
    expect(rerun.status).toBe("ok");
    expect(await dump(interrupted.db)).toEqual(await dump(reference.db));
  } finally {
    await reference.dispose();
    await interrupted.dispose();
  }
});
