import type { Db } from "@/db/client";
import type { MetricName } from "@/lib/metrics";
import type { LinkedChange } from "@/lib/metrics/lead-time-links";
import { loadSourceLinks } from "@/lib/queries/links";
import { drillDownTable, linkedRecords, type DrillDownTable } from "./drilldown";
import { judgedRecords, type JudgedValues } from "@/lib/withheld";
import { getMetricRecords, type MetricsQuery } from "./metrics";

/** One page of a metric's drill-down, with the numbers it adds up to. */
export interface DrillDownPage {
  /** The numbers, with the reasons a judgement is withheld. */
  values: JudgedValues;
  /** The rows of the requested page only (links loaded for them alone). */
  table: DrillDownTable;
  /** Every row of the drill-down, across pages. */
  total: number;
  page: number;
  pages: number;
  /** The counted changes, for the lead-time distribution (empty for other metrics). */
  changes: LinkedChange[];
}

/**
 * A page of the drill-down of `metric`: the rows `drillDownTable` gives, in
 * its order, with source links fetched for the shown rows only (a year of a
 * large workspace has tens of thousands). The CSV download has them all.
 * `failedOnly` keeps the failed deployments of the change failure rate.
 */
export async function getDrillDownPage(
  db: Db,
  q: MetricsQuery,
  metric: MetricName,
  options: { page: number; pageSize: number; failedOnly?: boolean },
): Promise<DrillDownPage> {
  const { page, pageSize } = options;
  const { query, records: all } = await getMetricRecords(db, q);
  // "Failed only" narrows the change-failure-rate rows; the numbers stay those of every record.
  const records =
    options.failedOnly && metric === "changeFailureRate"
      ? { ...all, changeFailureRate: all.changeFailureRate.filter((r) => r.failed) }
      : all;
  const unlinked = drillDownTable(records, metric);
  const total = unlinked.rows.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * pageSize,
    end = start + pageSize;
  // linkedRecords lists the records in the table's row order, so the page's slice is the page's records.
  const wanted = linkedRecords(records, metric);
  const links = await loadSourceLinks(db, query.workspace.id, {
    deploymentIds: wanted.deploymentIds.slice(start, end),
    pullRequests: wanted.pullRequests.slice(start, end),
  });
  const linked = drillDownTable(records, metric, links);
  return {
    values: judgedRecords(all, query.window),
    table: { ...linked, rows: linked.rows.slice(start, end) },
    total,
    page: current,
    pages,
    changes: metric === "leadTime" ? records.leadTime.changes : [],
  };
}
