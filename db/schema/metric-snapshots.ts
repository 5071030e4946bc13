import { blob, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * The rows the metrics engine reads for a workspace, kept in one compact value
 * (lib/queries/tuple-codec.ts) at one data version, so a fresh process reads
 * them several times faster than from their tables. A cache: never copied,
 * rebuilt after imports and syncs, ignored once the data version moves on.
 */
export const metricSnapshots = sqliteTable(
  "metric_snapshots",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    dataVersion: integer("data_version").notNull(),
    /** Which reads it holds (a fingerprint of their SQL), so a changed read is never served from an old snapshot. */
    shape: text("shape").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId] })],
);
