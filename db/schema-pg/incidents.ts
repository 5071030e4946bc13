import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const incidents = pgTable(
  "incidents",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    openedAt: ms("opened_at").notNull(),
    title: text("title"),
    severity: text("severity"),
    resolvedAt: ms("resolved_at"),
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
