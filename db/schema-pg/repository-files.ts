import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import type { RepositoryFile } from "../schema/repository-files";
import { jsonText, ms } from "./types";
import { workspaces } from "./workspaces";

export const repositoryFiles = pgTable(
  "repository_files",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    observedAt: ms("observed_at").notNull(),
    files: jsonText("files").$type<RepositoryFile[]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.repositoryId] })],
);
