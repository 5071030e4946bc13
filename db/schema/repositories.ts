import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const repositories = sqliteTable(
  "repositories",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    /** UTC milliseconds, like every timestamp in the store. */
    createdAt: integer("created_at").notNull(),
    teamId: text("team_id"),
    defaultBranch: text("default_branch"),
    url: text("url"),
    isTemplate: integer("is_template", { mode: "boolean" }),
    templateId: text("template_id"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Team scope starts from "the team's repositories".
    index("repositories_team").on(t.workspaceId, t.teamId),
  ],
);

export type Repository = typeof repositories.$inferSelect;
export type NewRepository = typeof repositories.$inferInsert;
