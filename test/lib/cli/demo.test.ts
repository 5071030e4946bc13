import { afterAll, describe, expect, test } from "vitest";
import { openDatabase, closeDatabase } from "@/db/client";
import { getMetricsReport } from "@/lib/service/metrics";
import { formatDate } from "@/lib/metrics/window";
import { altimeter } from "../../support/cli";
import { freshDatabase } from "../../support/db";
import { DAY_MS } from "@/lib/time";

const store = await freshDatabase();
afterAll(() => store.dispose());

// The last 52 full weeks before today, as a dashboard would ask. Which tier each team sits at is
// checked on fixed days in test/lib/demo/tiers.test.ts, so this test does not depend on today's date.
const to = formatDate(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const from = formatDate(Math.floor(Date.now() / DAY_MS) * DAY_MS - 364 * DAY_MS);

describe("altimeter demo", () => {
  test("creates the demo workspace through the CLI, and recreating it changes nothing", async () => {
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

    const db = await openDatabase(store.file);
    const all = await getMetricsReport(db, { workspace: "demo", from, to });
    expect(all.onboarding.newcomers).toBeGreaterThan(0);
    expect(all.timeToFirstDeploy.deployed).toBeGreaterThan(0);
    expect(all.changeFailureRate.failed).toBeGreaterThan(0);
    await closeDatabase(db);
  });
});
