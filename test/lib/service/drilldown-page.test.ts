import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { METRIC_NAMES } from "@/lib/metrics";
import { getDrillDownPage } from "@/lib/service/drilldown-page";
import { getDrillDownTable, getMetricsReport } from "@/lib/service/metrics";
import { freshDatabase, importText } from "../../support/db";

const EXAMPLE = fileURLToPath(new URL("../../fixtures/examples/small-org.ndjson", import.meta.url));
const QUERY = { workspace: "acme", from: "2026-01-05", to: "2026-04-06" };

describe("a drill-down a page at a time (the shared small-org example)", async () => {
  const store = await freshDatabase();
  beforeAll(async () => {
    await importText(store.db, "acme", readFileSync(EXAMPLE, "utf8"));
  });
  afterAll(() => store.dispose());

  test("the pages, put together, are exactly the full table with its source links", async () => {
    for (const metric of METRIC_NAMES) {
      const { table } = await getDrillDownTable(store.db, QUERY, metric);
      const first = await getDrillDownPage(store.db, QUERY, metric, { page: 1, pageSize: 7 });
      expect(first.total, metric).toBe(table.rows.length);
      const rows = [...first.table.rows];
      for (let page = 2; page <= first.pages; page++)
        rows.push(...(await getDrillDownPage(store.db, QUERY, metric, { page, pageSize: 7 })).table.rows);
      expect(rows, metric).toEqual(table.rows);
      expect(first.table.columns).toEqual(table.columns);
    }
  });

  test("the numbers beside the table are the report's, and a page past the end shows the last", async () => {
    const { workspace, team, from, to, ...values } = await getMetricsReport(store.db, QUERY);
    void [workspace, team, from, to];
    const page = await getDrillDownPage(store.db, QUERY, "leadTime", { page: 99, pageSize: 10 });
    expect(page.values).toEqual(values);
    expect(page.page).toBe(page.pages);
    expect(page.changes).toHaveLength(values.leadTime.changes);
    expect(page.table.rows.some((r) => typeof r[r.length - 1] === "string")).toBe(true);
  });

  test("failed only keeps the failed deployments of the change failure rate, and its numbers", async () => {
    const { table } = await getDrillDownTable(store.db, QUERY, "changeFailureRate");
    const failedAt = table.columns.indexOf("failed");
    const failed = await getDrillDownPage(store.db, QUERY, "changeFailureRate", {
      page: 1,
      pageSize: 500,
      failedOnly: true,
    });
    expect(failed.table.rows).toEqual(table.rows.filter((r) => r[failedAt] === true));
    expect(failed.total).toBe(failed.values.changeFailureRate.failed);
    expect(failed.values.changeFailureRate.deployments).toBe(table.rows.length);
  });
});
