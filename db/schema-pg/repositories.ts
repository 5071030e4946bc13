import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { flag, ms } from "./types";
import { workspaces } from "./workspaces";

export const repositories = pgTable(
  "repositories",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name").notNull(),
    createdAt: ms("created_at").notNull(),
    teamId: text("team_id"),
    defaultBranch: text("default_branch"),
    url: text("url"),
    isTemplate: flag("is_template"),
    templateId: text("template_id"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("repositories_team").on(t.workspaceId, t.teamId)],
);
