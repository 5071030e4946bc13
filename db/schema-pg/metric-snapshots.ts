import { customType, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

export const metricSnapshots = pgTable(
  "metric_snapshots",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    dataVersion: integer("data_version").notNull(),
    shape: text("shape").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId] })],
);
