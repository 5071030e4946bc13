import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { DEPLOYMENT_STATUSES } from "../schema/deployments";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const deployments = pgTable(
  "deployments",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    repositoryId: text("repository_id").notNull(),
    environment: text("environment").notNull(),
    status: text("status", { enum: DEPLOYMENT_STATUSES }).notNull(),
    createdAt: ms("created_at").notNull(),
    finishedAt: ms("finished_at"),
    sha: text("sha"),
    url: text("url"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("deployments_repository_finished").on(t.workspaceId, t.repositoryId, t.finishedAt),
    index("deployments_finished").on(t.workspaceId, t.finishedAt),
    index("deployments_created").on(t.workspaceId, t.createdAt),
    index("deployments_sha").on(t.workspaceId, t.sha),
  ],
);
