import { afterAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { createDemoWorkspace } from "@/lib/service/demo";
import { getMetricsReport } from "@/lib/service/metrics";
import { formatDate } from "@/lib/metrics/window";
import { DAY_MS } from "@/lib/time";
import { freshDatabase } from "../../support/db";

const store = await freshDatabase();
afterAll(() => store.dispose());

/** The four DORA tiers each showcase team is built to sit at, whatever day the demo is made. */
const EXPECTED = { checkout: "elite", catalog: "high", fulfilment: "medium", billing: "low" } as const;

// Fixed days spread over a year (and times of day), so the test never depends on today's date.
const DAYS = ["2026-12-04T19:00:00Z", "2027-03-17T06:30:00Z", "2027-08-29T23:10:00Z"];

describe("the demo's showcase teams", () => {
  test.each(DAYS)("sit at clearly different tiers over the 52 weeks before %s", async (day) => {
    const now = Date.parse(day);
    const db = await openDatabase(store.file);
    try {
      await createDemoWorkspace(db, { slug: "demo", now });
      const to = formatDate(Math.floor(now / DAY_MS) * DAY_MS);
      const from = formatDate(Math.floor(now / DAY_MS) * DAY_MS - 364 * DAY_MS);
      for (const [team, tier] of Object.entries(EXPECTED)) {
        const m = await getMetricsReport(db, { workspace: "demo", from, to, team });
        const tiers = [m.deploymentFrequency.tier, m.leadTime.tier, m.changeFailureRate.tier, m.timeToRestore.tier];
        expect(tiers, `${team} on ${day}`).toEqual([tier, tier, tier, tier]);
      }
    } finally {
      await closeDatabase(db);
    }
  });
});
