import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const commits = sqliteTable(
  "commits",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    sha: text("sha").notNull(),
    authoredAt: integer("authored_at").notNull(),
    authorId: text("author_id"),
    committedAt: integer("committed_at"),
    /** JSON array of parent shas (`[]` for a root commit); NULL when the source did not say. */
    parents: text("parents"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.repositoryId, t.sha] }),
    // A person's first commit (their start) is one seek per person on this index.
    index("commits_author").on(t.workspaceId, t.authorId, t.authoredAt),
    // dataStart = MIN(authored_at) of the workspace, one seek.
    index("commits_authored").on(t.workspaceId, t.authoredAt),
  ],
);

export type Commit = typeof commits.$inferSelect;
export type NewCommit = typeof commits.$inferInsert;
