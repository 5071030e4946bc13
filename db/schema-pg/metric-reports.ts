import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const metricReports = pgTable(
  "metric_reports",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    scope: text("scope").notNull(),
    windowFrom: text("window_from").notNull(),
    windowTo: text("window_to").notNull(),
    dataVersion: integer("data_version").notNull(),
    revision: text("revision").notNull(),
    report: text("report").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.scope, t.windowFrom, t.windowTo] })],
);
