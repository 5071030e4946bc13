import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { CI_RUN_STATUSES } from "../schema/ci-runs";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const ciRuns = pgTable(
  "ci_runs",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    repositoryId: text("repository_id").notNull(),
    workflow: text("workflow").notNull(),
    status: text("status", { enum: CI_RUN_STATUSES }).notNull(),
    startedAt: ms("started_at").notNull(),
    finishedAt: ms("finished_at"),
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
