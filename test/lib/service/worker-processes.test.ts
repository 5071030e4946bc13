import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { HOUR_MS } from "@/lib/time";
import { FakePagerduty, fakeIncident } from "../../collectors/pagerduty/server";
import { startAltimeter } from "../../collectors/sync/spawn";
import { freshDatabase } from "../../support/db";

const TOKEN = "pd-two-workers";
const env = { PD_TWO_TOKEN: TOKEN };
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-workers-"));
const server = new FakePagerduty(TOKEN);
let baseUrl = "";

beforeAll(async () => {
  baseUrl = await server.start();
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let n = 1; n <= 40; n++) server.incidents.push(fakeIncident(n, new Date(start + n * HOUR_MS).toISOString()));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("two worker processes on one store: while one syncs a source the other skips it, naming the holder, and their runs never overlap", async () => {
  const store = await freshDatabase();
  const config = path.join(dir, "two.json");
  writeFileSync(
    config,
    JSON.stringify({
      workspaces: [
        {
          slug: "acme",
          schedule: { cron: "* * * * * *" },
          sources: [
            {
              kind: "pagerduty",
              tokenEnv: "PD_TWO_TOKEN",
              baseUrl,
              since: "2026-01-01",
              services: { PSVC001: { repository: "acme/shop" } },
            },
          ],
        },
      ],
    }),
  );
  // The upstream holds its answers until released: whichever worker claimed the source is stuck in the middle.
  let release!: () => void;
  server.hold = new Promise<void>((resolve) => (release = resolve));
  const firstRequest = new Promise<void>((resolve) => (server.onRequest = () => resolve()));
  const workers = [1, 2].map(() => startAltimeter(["worker", "--config", config], { db: store.file, env }));
  try {
    await firstRequest;
    const heldBy = /acme: sync skipped: pagerduty skipped \(being synced by (\S+) since /;
    await Promise.any(workers.map((w) => w.waitFor(heldBy)));
    const skipping = workers.find((w) => heldBy.test(w.stdout()))!;
    const holding = workers.find((w) => w !== skipping)!;
    // The holder it names is the other process (host:pid:random).
    expect(heldBy.exec(skipping.stdout())![1]).toMatch(new RegExp(`:${holding.child.pid}:[0-9a-f]{6}$`));
    expect(server.requests.length).toBe(1);

    release();
    server.hold = null;
    await holding.waitFor(/acme: sync ok in \d+\.\d s: pagerduty ok \(40 records\)/);
  } finally {
    release();
    server.hold = null;
    server.onRequest = null;
    for (const w of workers) w.child.kill("SIGTERM");
    const ended = await Promise.all(workers.map((w) => w.exited));
    expect(ended.map((e) => e.status)).toEqual([0, 0]);
  }
  const db = await openDatabase(store.file);
  try {
    const runs = await db.rows<{ s: number; f: number | null }>(
      "SELECT started_at AS s, finished_at AS f FROM sync_runs WHERE source = 'pagerduty' ORDER BY started_at, id",
    );
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.f !== null)).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.s).toBeGreaterThanOrEqual(runs[i - 1]!.f!);
    // Nobody holds the source once both stopped.
    expect(await db.value("SELECT holder FROM sync_leases WHERE source = 'pagerduty'")).toBeNull();
  } finally {
    await closeDatabase(db);
    await store.dispose();
  }
});
