import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const pullRequests = sqliteTable(
  "pull_requests",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    number: integer("number").notNull(),
    authorId: text("author_id").notNull(),
    createdAt: integer("created_at").notNull(),
    firstCommitAt: integer("first_commit_at"),
    mergedAt: integer("merged_at"),
    closedAt: integer("closed_at"),
    baseBranch: text("base_branch"),
    mergeCommitSha: text("merge_commit_sha"),
    url: text("url"),
    title: text("title"),
    /** JSON array of label names; NULL when absent. */
    labels: text("labels"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.repositoryId, t.number] }),
    // Lead time reads the merged pull requests of a repository in merge order.
    index("pull_requests_merged").on(t.workspaceId, t.repositoryId, t.mergedAt),
    // A person's first pull request and first merge are one seek each.
    index("pull_requests_author_created").on(t.workspaceId, t.authorId, t.createdAt),
    index("pull_requests_author_merged").on(t.workspaceId, t.authorId, t.mergedAt),
    index("pull_requests_created").on(t.workspaceId, t.createdAt),
  ],
);

export type PullRequest = typeof pullRequests.$inferSelect;
export type NewPullRequest = typeof pullRequests.$inferInsert;
