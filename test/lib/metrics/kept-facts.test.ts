import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, type Db, openDatabase } from "@/db/client";
import { computeMetrics, deriveFacts, metricRecords, type WorkspaceFacts } from "@/lib/metrics";
import { DAY_MS } from "@/lib/time";
import { loadMetricsData } from "@/lib/queries/metrics-data";
import { listTeams } from "@/lib/queries/teams";
import { DecodedSet, encodeTuples } from "@/lib/queries/tuple-codec";
import { getWorkspace } from "@/lib/queries/workspaces";
import { keepWorkspaceSnapshot, workspaceFacts } from "@/lib/service/metrics";
import { metricsSettings } from "@/lib/service/scope";
import { freshDatabase, importText } from "../../support/db";

/**
 * Facts kept with a workspace's snapshot (lib/metrics/facts-index.ts): what a
 * fresh process rebuilds instead of deriving. They must give exactly the
 * derived facts' numbers and records for every window and scope, and never
 * a wrong number when they are another engine's or damaged.
 */
const EXAMPLES = ["v2-org", "small-org"] as const;

let store: Awaited<ReturnType<typeof freshDatabase>>;
const opened: Db[] = [];

/** A new Db on the same store: a fresh process's view, with no facts cached. */
async function fresh(): Promise<Db> {
  const db = await openDatabase(store.file);
  opened.push(db);
  return db;
}

beforeAll(async () => {
  store = await freshDatabase();
  for (const name of EXAMPLES) {
    const text = readFileSync(new URL(`../../fixtures/examples/${name}.ndjson`, import.meta.url), "utf8");
    // The examples hold a few bad lines on purpose; what matters here is what was stored.
    await importText(store.db, name, text);
    expect(await keepWorkspaceSnapshot(store.db, name)).toBeGreaterThan(100);
  }
});
afterAll(async () => {
  for (const db of opened) await closeDatabase(db);
  await store.dispose();
});

/** Whether facts were rebuilt from kept columns: only those build their full change list when first read. */
const restored = (facts: WorkspaceFacts) =>
  typeof Object.getOwnPropertyDescriptor(facts, "changes")?.get === "function";

/** Whole-day windows over the example's data: the whole span, and 7-, 30- and 90-day windows across it. */
function windows(facts: WorkspaceFacts) {
  const start = Math.floor(facts.data.dataStart! / DAY_MS) * DAY_MS;
  const end = start + 400 * DAY_MS;
  const out = [{ from: start, to: end }];
  for (const days of [7, 30, 90])
    for (let from = start; from + days * DAY_MS <= end; from += Math.max(days, 20) * DAY_MS)
      out.push({ from, to: from + days * DAY_MS });
  return out;
}

async function derivedFacts(db: Db, slug: string): Promise<WorkspaceFacts> {
  const ws = await getWorkspace(db, slug);
  return deriveFacts(await loadMetricsData(db, ws.id), metricsSettings(ws));
}

/** Replaces the kept facts' columns (and label) of a workspace's snapshot, keeping its rows. */
async function rewriteKept(
  slug: string,
  change: (label: string, columns: (Int32Array | Float64Array)[]) => [string, (Int32Array | Float64Array)[]],
) {
  const ws = await getWorkspace(store.db, slug);
  const bytes = (await store.db.value<Uint8Array>("SELECT bytes FROM metric_snapshots WHERE workspace_id = ?", [
    ws.id,
  ]))!;
  const set = new DecodedSet(bytes);
  const tables = set.tables.map((_, t) => set.rows(t, (tuple) => [...tuple]));
  const [label, columns] = change(
    set.attachment!.label,
    set.attachment!.columns.map((c) => c.slice()),
  );
  await store.db.exec("UPDATE metric_snapshots SET bytes = ? WHERE workspace_id = ?", [
    encodeTuples(tables, { label, columns }),
    ws.id,
  ]);
  return {
    original: bytes,
    restore: () => store.db.exec("UPDATE metric_snapshots SET bytes = ? WHERE workspace_id = ?", [bytes, ws.id]),
  };
}

describe("facts kept with a snapshot", () => {
  for (const slug of EXAMPLES) {
    test(`${slug}: a fresh process rebuilds them and counts exactly what derived facts count, every window and scope`, async () => {
      const db = await fresh();
      const ws = await getWorkspace(db, slug);
      const kept = await workspaceFacts(db, ws);
      expect(restored(kept)).toBe(true);
      const derived = await derivedFacts(db, slug);
      expect(restored(derived)).toBe(false);
      const scopes = [null, ...(await listTeams(db, ws.id)).map((t) => t.id)];
      expect(scopes.length).toBeGreaterThan(1);
      let counted = 0;
      for (const w of windows(derived)) {
        for (const teamId of scopes) {
          const numbers = computeMetrics(derived, w, { teamId });
          expect(computeMetrics(kept, w, { teamId })).toEqual(numbers);
          expect(metricRecords(kept, w, { teamId })).toEqual(metricRecords(derived, w, { teamId }));
          counted += numbers.deploymentFrequency.deployments;
        }
      }
      expect(counted).toBeGreaterThan(0);
      // What no window reads is built when asked, and is the derived facts' too.
      expect(kept.changes).toEqual(derived.changes);
      expect(kept.data.deployments).toEqual(derived.data.deployments);
      expect([...kept.productionSuccessByRepository]).toEqual([...derived.productionSuccessByRepository]);
      expect([...kept.deploymentById.keys()]).toEqual([...derived.deploymentById.keys()]);
      expect([...kept.reworkByDeployment]).toEqual([...derived.reworkByDeployment]);
      expect(kept.attributions).toEqual(derived.attributions);
    });
  }

  test("are what the fresh process reads: emptied rework columns show as no rework", async () => {
    const whole = { teamId: null };
    const db = await fresh();
    const derived = await derivedFacts(db, "v2-org");
    const w = windows(derived)[0]!;
    expect(computeMetrics(derived, w, whole).reworkRate.rework).toBeGreaterThan(0);
    // reworkDeployment, reworkRule, reworkOf, reworkMatch are the last four columns.
    const { restore } = await rewriteKept("v2-org", (label, columns) => [
      label,
      [...columns.slice(0, -4), ...columns.slice(-4).map(() => new Int32Array(0))],
    ]);
    try {
      const marked = await workspaceFacts(await fresh(), await getWorkspace(db, "v2-org"));
      expect(computeMetrics(marked, w, whole).reworkRate.rework).toBe(0);
    } finally {
      await restore();
    }
  });

  test("of another engine, or damaged, are ignored: the facts are derived and the numbers right", async () => {
    const db = await fresh();
    const derived = await derivedFacts(db, "v2-org");
    const w = windows(derived)[0]!;
    const expected = computeMetrics(derived, w, { teamId: null });
    const damages: [
      string,
      (label: string, columns: (Int32Array | Float64Array)[]) => [string, (Int32Array | Float64Array)[]],
    ][] = [
      ["another engine's label", (label, columns) => [`${label} (older engine)`, columns]],
      [
        "a position past the rows",
        (label, columns) => [label, columns.map((c, i) => (i === 0 && c instanceof Int32Array ? c.map(() => 1e6) : c))],
      ],
      ["a column missing", (label, columns) => [label, columns.slice(1)]],
      ["columns of another type", (label, columns) => [label, columns.map((c) => Float64Array.from(c))]],
    ];
    for (const [what, damage] of damages) {
      const { restore } = await rewriteKept("v2-org", damage);
      try {
        const facts = await workspaceFacts(await fresh(), await getWorkspace(db, "v2-org"));
        expect(restored(facts), what).toBe(false);
        expect(computeMetrics(facts, w, { teamId: null }), what).toEqual(expected);
      } finally {
        await restore();
      }
    }
  });
});
