import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const collectedRecords = pgTable(
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
