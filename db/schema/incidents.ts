import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const incidents = sqliteTable(
  "incidents",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    openedAt: integer("opened_at").notNull(),
    title: text("title"),
    severity: text("severity"),
    resolvedAt: integer("resolved_at"),
    repositoryId: text("repository_id"),
    teamId: text("team_id"),
    deploymentId: text("deployment_id"),
    causeSha: text("cause_sha"),
    fixDeploymentId: text("fix_deployment_id"),
    source: text("source"),
    url: text("url"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("incidents_opened").on(t.workspaceId, t.openedAt)],
);

export type Incident = typeof incidents.$inferSelect;
export type NewIncident = typeof incidents.$inferInsert;
