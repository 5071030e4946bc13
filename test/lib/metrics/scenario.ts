import type { Db } from "@/db/client";
import type { MetricName } from "@/lib/metrics";
import { getDrillDownTable, getMetricsReport } from "@/lib/service/metrics";
import { changeSettings, type SettingsInput } from "@/lib/service/settings";
import { importObjects } from "../../support/db";

let workspaces = 0;

/** A scenario: records imported into a workspace of their own, then metrics over a window. */
export async function scenario(db: Db, records: object[], settings: SettingsInput = {}) {
  const workspace = `scenario-${++workspaces}`;
  const summary = await importObjects(db, workspace, records);
  if (summary.rejectedTotal > 0) throw new Error(`scenario records rejected: ${JSON.stringify(summary.rejected)}`);
  await changeSettings(db, workspace, settings);
  return {
    workspace,
    metrics: (from: string, to: string, team: string | null = null) =>
      getMetricsReport(db, { workspace, from, to, team }),
    drill: async (metric: MetricName, from: string, to: string, team: string | null = null) => {
      const { table: t } = await getDrillDownTable(db, { workspace, from, to, team }, metric);
      return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
    },
  };
}
