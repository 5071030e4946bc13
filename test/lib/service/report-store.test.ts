import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { getMetricsReport, type MetricsQuery } from "@/lib/service/metrics";
import { changeSettings } from "@/lib/service/settings";
import { HOUR_MS } from "@/lib/time";
import { generateWorkspace } from "../../bench/generate";
import { ndjsonLine } from "../../bench/ndjson";
import { freshDatabase, importText } from "../../support/db";

/**
 * A report computed by a fresh process is kept in metric_reports for the next
 * fresh process that asks the same, at the same data version only: every
 * import moves the version on, and the kept report is never read again.
 */
const END = Date.parse("2026-06-01T00:00:00Z");
const WORKSPACE = "kept";
const Q: MetricsQuery = { workspace: WORKSPACE, from: "2025-06-01", to: "2026-06-01" };
const iso = (ms: number) => new Date(ms).toISOString();

let store: Awaited<ReturnType<typeof freshDatabase>>;

/** What a new process answers: a new connection, nothing cached in memory. */
async function cold(q: MetricsQuery = Q) {
  const db = await openDatabase(store.file);
  try {
    return await getMetricsReport(db, q);
  } finally {
    await closeDatabase(db);
  }
}

/** What is kept, read through the test's own connection to the store. */
const kept = () =>
  store.db.rows<{ scope: string; window_from: string; window_to: string; data_version: number }>(
    "SELECT scope, window_from, window_to, data_version FROM metric_reports ORDER BY scope",
  );

beforeAll(async () => {
  store = await freshDatabase();
  const lines: string[] = [];
  generateWorkspace(
    { seed: 3, scale: 0.005, end: END },
    { write: (type, values) => lines.push(ndjsonLine(type, values)) },
  );
  expect((await importText(store.db, WORKSPACE, `${lines.join("\n")}\n`)).rejectedTotal).toBe(0);
});

afterAll(async () => {
  await store.dispose();
});

describe("reports kept for the next fresh process", () => {
  test("a fresh process keeps its report; the next reads it; an import makes it compute the new numbers", async () => {
    const first = await cold();
    expect(first.deploymentFrequency.deployments).toBeGreaterThan(0);
    const [row] = await kept();
    expect(row).toMatchObject({ scope: "", window_from: "2025-06-01", window_to: "2026-06-01" });
    // Mark the kept report: a fresh process answering with the mark has read it, not recomputed.
    const json = await store.db.value<string>("SELECT report FROM metric_reports");
    const marked = JSON.parse(json!) as typeof first;
    marked.deploymentFrequency.deployments = -1;
    await store.db.exec("UPDATE metric_reports SET report = ?", [JSON.stringify(marked)]);
    expect((await cold()).deploymentFrequency.deployments).toBe(-1);

    // One more production deployment: the data version moves on, the kept report is not read again.
    const repository = await store.db.value<string>("SELECT id FROM repositories ORDER BY id LIMIT 1");
    const t = Date.parse("2026-05-20T10:00:00Z");
    await importText(
      store.db,
      WORKSPACE,
      `${JSON.stringify({ type: "deployment", id: "late-1", repositoryId: repository, environment: "production", status: "success", createdAt: iso(t), finishedAt: iso(t + HOUR_MS) })}\n`,
    );
    const after = await cold();
    expect(after.deploymentFrequency.deployments).toBe(first.deploymentFrequency.deployments + 1);
    // Only the new version's report is kept.
    const versions = (await kept()).map((r) => r.data_version);
    expect(new Set(versions).size).toBe(1);
    expect(await cold()).toEqual(after);
  });

  test("each team and window is kept apart, and a settings change is a new version too", async () => {
    const team = (await store.db.value<string>("SELECT id FROM teams ORDER BY id LIMIT 1"))!;
    const whole = await cold();
    const ofTeam = await cold({ ...Q, team });
    const shorter = await cold({ ...Q, from: "2026-03-01" });
    expect(ofTeam.team).toBe(team);
    expect(ofTeam.deploymentFrequency.deployments).toBeLessThan(whole.deploymentFrequency.deployments);
    expect(shorter.from).toBe("2026-03-01");
    expect((await kept()).map((r) => r.scope).sort()).toEqual(["", "", team].sort());
    expect(await cold({ ...Q, team })).toEqual(ofTeam);

    // Counting only "^nothing$" as production: no deployment counts any more, kept reports or not.
    await changeSettings(store.db, WORKSPACE, { productionEnv: "^nothing$" });
    expect((await cold()).deploymentFrequency.deployments).toBe(0);
    expect((await cold({ ...Q, team })).deploymentFrequency.deployments).toBe(0);
  });

  test("a report kept by another engine is not read", async () => {
    const now = await cold();
    await store.db.exec("UPDATE metric_reports SET revision = 'another engine', report = '{}'");
    expect(await cold()).toEqual(now);
  });
});
