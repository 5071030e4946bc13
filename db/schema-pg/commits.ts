import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const commits = pgTable(
  "commits",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    sha: text("sha").notNull(),
    authoredAt: ms("authored_at").notNull(),
    authorId: text("author_id"),
    committedAt: ms("committed_at"),
    /** JSON array of parent shas, as text (as on SQLite). */
    parents: text("parents"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.repositoryId, t.sha] }),
    index("commits_author").on(t.workspaceId, t.authorId, t.authoredAt),
    index("commits_authored").on(t.workspaceId, t.authoredAt),
  ],
);
