import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const changeLinks = pgTable(
  "change_links",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repositoryId: text("repository_id").notNull(),
    number: integer("number").notNull(),
    deploymentId: text("deployment_id"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.repositoryId, t.number] })],
);
