import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { computeMetrics, deriveFacts } from "@/lib/metrics";
import { keepMetricsSnapshot, loadMetricsData } from "@/lib/queries/metrics-data";
import { decodeTuples, encodeTuples } from "@/lib/queries/tuple-codec";
import { getWorkspace } from "@/lib/queries/workspaces";
import { refreshingSnapshot } from "@/lib/service/metrics";
import { metricsSettings } from "@/lib/service/scope";
import { freshDatabase, importText } from "../../support/db";

/**
 * The snapshot of a workspace's rows (metric_snapshots): read instead of the
 * tables only at the data version it was kept at, giving exactly what the
 * tables give, and never a reason for a wrong number.
 */
const EXAMPLE = new URL("../../fixtures/examples/v2-org.ndjson", import.meta.url);
const WORKSPACE = "snap";
const WINDOW = { from: Date.parse("2026-01-01T00:00:00Z"), to: Date.parse("2026-07-01T00:00:00Z") };

let store: Awaited<ReturnType<typeof freshDatabase>>;
const workspace = () => getWorkspace(store.db, WORKSPACE);
const snapshotVersion = () =>
  store.db.value<number>(
    "SELECT s.data_version FROM metric_snapshots s JOIN workspaces w ON w.id = s.workspace_id WHERE w.slug = ?",
    [WORKSPACE],
  );

beforeAll(async () => {
  store = await freshDatabase();
  // The example holds a few bad lines on purpose; what matters here is what was stored.
  await importText(store.db, WORKSPACE, readFileSync(EXAMPLE, "utf8"));
});
afterAll(async () => {
  await store.dispose();
});

describe("a workspace's snapshot", () => {
  test("is kept at the current data version and gives exactly the rows and numbers the tables give", async () => {
    const ws = await workspace();
    expect(await snapshotVersion()).toBeUndefined();
    const fromTables = await loadMetricsData(store.db, ws.id, ws.dataVersion); // no snapshot yet: the tables
    const size = await keepMetricsSnapshot(store.db, ws.id);
    expect(size).toBeGreaterThan(100);
    expect(await snapshotVersion()).toBe(ws.dataVersion);
    const fromSnapshot = await loadMetricsData(store.db, ws.id, ws.dataVersion);
    expect(fromSnapshot).toEqual(fromTables);
    const settings = metricsSettings(ws);
    expect(computeMetrics(deriveFacts(fromSnapshot, settings), WINDOW, { teamId: null })).toEqual(
      computeMetrics(deriveFacts(fromTables, settings), WINDOW, { teamId: null }),
    );
  });

  test("is what a fresh read at that version uses, and is ignored at any other version", async () => {
    const ws = await workspace();
    // Replace the kept snapshot with one whose first deployment is marked, to see where a read comes from.
    const bytes = (await store.db.value<Uint8Array>("SELECT bytes FROM metric_snapshots WHERE workspace_id = ?", [
      ws.id,
    ]))!;
    const tables = decodeTuples<unknown[]>(
      bytes,
      Array(6).fill((t: unknown[]) => [...t]),
    );
    tables[1]![0]![0] = "marked-deployment";
    await store.db.exec("UPDATE metric_snapshots SET bytes = ? WHERE workspace_id = ?", [encodeTuples(tables), ws.id]);

    const read = await loadMetricsData(store.db, ws.id, ws.dataVersion);
    expect(read.deployments[0]!.id).toBe("marked-deployment");
    for (const version of [undefined, ws.dataVersion + 1, ws.dataVersion - 1]) {
      const other = await loadMetricsData(store.db, ws.id, version);
      expect(other.deployments.map((d) => d.id)).not.toContain("marked-deployment");
    }
  });

  test("is not kept for a workspace past the row limit (it would hold every row in memory at once)", async () => {
    const ws = await workspace();
    const rows = (await loadMetricsData(store.db, ws.id)).deployments.length;
    expect(rows).toBeGreaterThan(1);
    await store.db.exec("DELETE FROM metric_snapshots");
    expect(await keepMetricsSnapshot(store.db, ws.id, rows)).toBeNull();
    expect(await snapshotVersion()).toBeUndefined();
    expect(await keepMetricsSnapshot(store.db, ws.id)).toBeGreaterThan(100);
  });

  test("that is damaged is only a cache: the read falls back to the tables", async () => {
    const ws = await workspace();
    const fromTables = await loadMetricsData(store.db, ws.id);
    await store.db.exec("UPDATE metric_snapshots SET bytes = ? WHERE workspace_id = ?", [
      new TextEncoder().encode("garbage"),
      ws.id,
    ]);
    expect(await loadMetricsData(store.db, ws.id, ws.dataVersion)).toEqual(fromTables);
  });

  test("is made again by a write that changes the data, and not by one that changes nothing", async () => {
    const before = await workspace();
    const line = JSON.stringify({
      type: "incident",
      id: "snapshot-incident",
      openedAt: "2026-03-02T10:00:00Z",
      resolvedAt: "2026-03-02T12:00:00Z",
    });
    await refreshingSnapshot(store.db, WORKSPACE, () => importText(store.db, WORKSPACE, `${line}\n`));
    const after = await workspace();
    expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
    expect(await snapshotVersion()).toBe(after.dataVersion);
    const read = await loadMetricsData(store.db, after.id, after.dataVersion);
    expect(read.incidents.map((i) => i.id)).toContain("snapshot-incident");
    expect(read).toEqual(await loadMetricsData(store.db, after.id));

    // Nothing changes: the snapshot is left as it is (a marker written into it survives).
    await store.db.exec("UPDATE metric_snapshots SET shape = shape || '' WHERE workspace_id = ?", [after.id]);
    const kept = await store.db.value<Uint8Array>("SELECT bytes FROM metric_snapshots WHERE workspace_id = ?", [
      after.id,
    ]);
    await refreshingSnapshot(store.db, WORKSPACE, async () => null);
    expect(
      await store.db.value<Uint8Array>("SELECT bytes FROM metric_snapshots WHERE workspace_id = ?", [after.id]),
    ).toEqual(kept);
  });
});
