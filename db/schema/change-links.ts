import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Where the commit graph moves a merged pull request (spec/metrics.md §2):
 * the production deployment that ships it when that is not the first one
 * finishing at or after its merge (the time rule), because that one's commit
 * does not contain the pull request's merge commit. NULL: no deployment
 * contains it. Only such exceptions are stored, computed at import from the
 * commits' parents (lib/metrics/graph-links.ts), so metrics never load the
 * graph itself.
 */
export const changeLinks = sqliteTable(
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
