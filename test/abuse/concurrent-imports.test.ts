import { afterAll, describe, expect, test } from "vitest";
import { removeStaleDeployments } from "@/lib/queries/collector-owned";
import { recordPersonLinks, recordPersonNames } from "@/lib/queries/identities";
import { findWorkspace } from "@/lib/queries/workspaces";
import { getMetricsReport } from "@/lib/service/metrics";
import { freshDatabase, importObjects } from "../support/db";
import { deployment, person, repository } from "../factories";

// Two writers of one workspace at once (a sync and a webhook, two CLI imports, events POSTs)
// meet the same records in different orders. SQLite queues them on its write lock; on
// PostgreSQL each locked rows the other needed, and one of them died as a deadlock.
const store = await freshDatabase();
afterAll(() => store.dispose());

describe("concurrent writers of one workspace", () => {
  test("six imports of the same records at once, in opposite orders, all succeed and store each record once", async () => {
    await importObjects(store.db, "busy", [repository({ id: "repo" })]);
    const records = Array.from({ length: 3000 }, (_, i) =>
      deployment({ id: `d-${i}`, repositoryId: "repo", finishedAt: "2026-01-05T10:00:00Z" }),
    );
    const reversed = [...records].reverse();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, k) => importObjects(store.db, "busy", k % 2 === 0 ? records : reversed)),
    );
    const failed = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
    expect(failed).toEqual([]);
    for (const r of results) if (r.status === "fulfilled") expect(r.value.imported.deployment).toBe(3000);
    expect(await store.db.value("SELECT count(*) FROM deployments")).toBe(3000);
    const report = await getMetricsReport(store.db, { workspace: "busy", from: "2026-01-05", to: "2026-01-12" });
    expect(report.deploymentFrequency.deployments).toBe(3000);
  });

  test("writers of different record types in opposite orders (a sync's people then repositories, a webhook's the reverse) all succeed", async () => {
    const people = Array.from({ length: 500 }, (_, i) => person({ id: `p-${i}`, name: `P ${i}` }));
    const repositories = Array.from({ length: 500 }, (_, i) => repository({ id: `r-${i}` }));
    const orders: object[][] = [
      [...people, ...repositories],
      [...[...repositories].reverse(), ...[...people].reverse()],
    ];
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, k) => importObjects(store.db, "mixed", orders[k % 2]!)),
    );
    expect(results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []))).toEqual([]);
    expect(
      await store.db.value(
        "SELECT count(*) FROM repositories JOIN workspaces w ON w.id = workspace_id WHERE w.slug = 'mixed'",
      ),
    ).toBe(500);
    expect(
      await store.db.value(
        "SELECT count(*) FROM people JOIN workspaces w ON w.id = workspace_id WHERE w.slug = 'mixed'",
      ),
    ).toBe(500);
  });

  test("a collector removing stale deployments while imports rewrite them: every writer finishes", async () => {
    await importObjects(store.db, "stale", [repository({ id: "repo" })]);
    const ids = Array.from({ length: 2000 }, (_, i) => `git:repo:v${i}`);
    const records = ids.map((id) => deployment({ id, repositoryId: "repo", finishedAt: "2026-01-05T10:00:00Z" }));
    await importObjects(store.db, "stale", records);
    const workspace = (await findWorkspace(store.db, "stale"))!;
    // The collector keeps none of them (every tag deleted); the imports send them back, in reverse.
    const results = await Promise.allSettled([
      importObjects(store.db, "stale", [...records].reverse()),
      removeStaleDeployments(store.db, workspace.id, "repo", "git:repo:", []),
      importObjects(store.db, "stale", [...records].reverse()),
      removeStaleDeployments(store.db, workspace.id, "repo", "git:repo:", []),
    ]);
    expect(results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []))).toEqual([]);
  });

  test("two git collections recording the same new names and links in opposite orders both finish", async () => {
    await importObjects(store.db, "names", [{ type: "team", id: "t", name: "T" }]);
    const workspace = (await findWorkspace(store.db, "names"))!;
    const seen = Array.from({ length: 2000 }, (_, i) => ({ personId: `git:p${i}@acme.test`, name: `Person ${i}` }));
    const links = seen.map((s, i) => ({ personId: s.personId, otherId: `gh:p${i}`, reason: "same email" }));
    const results = await Promise.allSettled([
      recordPersonNames(store.db, workspace.id, seen),
      recordPersonNames(store.db, workspace.id, [...seen].reverse()),
      recordPersonLinks(store.db, workspace.id, links),
      recordPersonLinks(store.db, workspace.id, [...links].reverse()),
    ]);
    expect(results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []))).toEqual([]);
    expect(await store.db.value("SELECT count(*) FROM person_names WHERE workspace_id = ?", [workspace.id])).toBe(2000);
    expect(await store.db.value("SELECT count(*) FROM person_links WHERE workspace_id = ?", [workspace.id])).toBe(2000);
  });
});
