import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { flag, ms } from "./types";
import { workspaces } from "./workspaces";

export const people = pgTable(
  "people",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: text("id").notNull(),
    name: text("name"),
    teamId: text("team_id"),
    joinedAt: ms("joined_at"),
    isBot: flag("is_bot"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("people_team").on(t.workspaceId, t.teamId)],
);
