import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const CI_RUN_STATUSES = ["success", "failure", "cancelled", "skipped", "in_progress"] as const;
export type CiRunStatus = (typeof CI_RUN_STATUSES)[number];

export const ciRuns = sqliteTable(
  "ci_runs",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    repositoryId: text("repository_id").notNull(),
    workflow: text("workflow").notNull(),
    status: text("status", { enum: CI_RUN_STATUSES }).notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    headSha: text("head_sha"),
    branch: text("branch"),
    event: text("event"),
    url: text("url"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("ci_runs_repository_started").on(t.workspaceId, t.repositoryId, t.startedAt),
  ],
);

export type CiRun = typeof ciRuns.$inferSelect;
export type NewCiRun = typeof ciRuns.$inferInsert;
