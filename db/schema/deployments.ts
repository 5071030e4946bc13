import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const DEPLOYMENT_STATUSES = ["success", "failure", "cancelled", "in_progress"] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const deployments = sqliteTable(
  "deployments",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    repositoryId: text("repository_id").notNull(),
    environment: text("environment").notNull(),
    status: text("status", { enum: DEPLOYMENT_STATUSES }).notNull(),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
    sha: text("sha"),
    url: text("url"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    // Deployments of a repository in finish order: lead-time linking and incident attribution.
    index("deployments_repository_finished").on(t.workspaceId, t.repositoryId, t.finishedAt),
    index("deployments_finished").on(t.workspaceId, t.finishedAt),
    index("deployments_created").on(t.workspaceId, t.createdAt),
    // Attribution rule 2 matches an incident's causeSha.
    index("deployments_sha").on(t.workspaceId, t.sha),
  ],
);

export type Deployment = typeof deployments.$inferSelect;
export type NewDeployment = typeof deployments.$inferInsert;
