import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/** One file of a snapshot; `content` only for files whose text matters (at most 64 KB). */
export interface RepositoryFile {
  path: string;
  content?: string;
}

/** The latest snapshot of a repository's default branch, read by the maturity assessment. */
export const repositoryFiles = sqliteTable(
  "repository_files",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    observedAt: integer("observed_at").notNull(),
    files: text("files", { mode: "json" }).$type<RepositoryFile[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.repositoryId] })],
);

export type RepositoryFilesSnapshot = typeof repositoryFiles.$inferSelect;
