import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const pullRequests = pgTable(
  "pull_requests",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    number: integer("number").notNull(),
    authorId: text("author_id").notNull(),
    createdAt: ms("created_at").notNull(),
    firstCommitAt: ms("first_commit_at"),
    mergedAt: ms("merged_at"),
    closedAt: ms("closed_at"),
    baseBranch: text("base_branch"),
    mergeCommitSha: text("merge_commit_sha"),
    url: text("url"),
    title: text("title"),
    /** JSON array of label names, as text (as on SQLite). */
    labels: text("labels"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.repositoryId, t.number] }),
    index("pull_requests_merged").on(t.workspaceId, t.repositoryId, t.mergedAt),
    index("pull_requests_author_created").on(t.workspaceId, t.authorId, t.createdAt),
    index("pull_requests_author_merged").on(t.workspaceId, t.authorId, t.mergedAt),
    index("pull_requests_created").on(t.workspaceId, t.createdAt),
  ],
);
