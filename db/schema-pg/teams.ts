import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const teams = pgTable(
  "teams",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    parentId: text("parent_id"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
