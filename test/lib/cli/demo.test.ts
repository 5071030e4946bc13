import { afterAll, describe, expect, test } from "vitest";
import { openDatabase, closeDatabase } from "@/db/client";
import { getMetricsReport } from "@/lib/service/metrics";
import { formatDate } from "@/lib/metrics/window";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";
import { DAY_MS } from "@/lib/time";

const store = freshDatabase();
afterAll(() => store.dispose());

// The last 52 full weeks before today, as a dashboard would ask.
const to = formatDate(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const from = formatDate(Math.floor(Date.now() / DAY_MS) * DAY_MS - 364 * DAY_MS);

describe("altimeter demo", () => {
  test("creates a workspace whose teams sit at clearly different tiers, and recreating it changes nothing", async () => {
    const first = altimeter(["demo"], { db: store.file });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^demo: imported 7 team, 24 repository/);
    const again = altimeter(["demo"], { db: store.file });
    expect(again.stdout.replace(/\d+ (commit|pull_request|deployment|ci_run|incident)/g, "N $1")).toBe(
      first.stdout.replace(/\d+ (commit|pull_request|deployment|ci_run|incident)/g, "N $1"),
    );
    expect(JSON.parse(altimeter(["workspaces", "--json"], { db: store.file }).stdout)).toEqual([
      { slug: "demo", name: "Northwind (demo)" },
    ]);

    const db = openDatabase(store.file);
    const tiers = async (team: string) => {
      const m = await getMetricsReport(db, { workspace: "demo", from, to, team });
      return [m.deploymentFrequency.tier, m.leadTime.tier, m.changeFailureRate.tier, m.timeToRestore.tier];
    };
    expect(await tiers("checkout")).toEqual(["elite", "elite", "elite", "elite"]);
    expect(await tiers("catalog")).toEqual(["high", "high", "high", "high"]);
    expect(await tiers("fulfilment")).toEqual(["medium", "medium", "medium", "medium"]);
    expect(await tiers("billing")).toEqual(["low", "low", "low", "low"]);
    const all = await getMetricsReport(db, { workspace: "demo", from, to });
    expect(all.onboarding.newcomers).toBeGreaterThan(0);
    expect(all.timeToFirstDeploy.deployed).toBeGreaterThan(0);
    expect(all.changeFailureRate.failed).toBeGreaterThan(0);
    await closeDatabase(db);
  });
});
