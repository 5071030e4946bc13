import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Which records a collector wrote, per repository and type, by their key
 * within the repository (a pull request's number). A pull request's identity
 * carries no source, so this is how a re-collect knows which ones it may
 * remove when its source no longer yields them (a branch no longer read), and
 * never touches one another source wrote.
 */
export const collectedRecords = sqliteTable(
  "collected_records",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    repositoryId: text("repository_id").notNull(),
    type: text("type").notNull(),
    key: text("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.repositoryId, t.type, t.key] })],
);
