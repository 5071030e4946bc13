import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Metric reports already computed, so a fresh process (a CLI call, a restarted
 * app) answers a question asked before without reading the workspace's rows.
 * A row answers only at the workspace's `data_version` it was computed at and
 * by the same engine (`revision`): every committed import batch, settings
 * change or identity decision moves the version on, and an older row is never
 * read again (it is removed when the next one is stored).
 */
export const metricReports = sqliteTable(
  "metric_reports",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The team id, or "" for the whole workspace. */
    scope: text("scope").notNull(),
    /** The window as asked: YYYY-MM-DD, `to` exclusive. */
    windowFrom: text("window_from").notNull(),
    windowTo: text("window_to").notNull(),
    dataVersion: integer("data_version").notNull(),
    /** The engine that computed it (lib/service/report-store.ts). */
    revision: text("revision").notNull(),
    /** The report as JSON. */
    report: text("report").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope, t.windowFrom, t.windowTo] })],
);
