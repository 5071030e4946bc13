import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

export const people = sqliteTable(
  "people",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The login. */
    id: text("id").notNull(),
    name: text("name"),
    teamId: text("team_id"),
    joinedAt: integer("joined_at"),
    isBot: integer("is_bot", { mode: "boolean" }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index("people_team").on(t.workspaceId, t.teamId)],
);

export type Person = typeof people.$inferSelect;
export type NewPerson = typeof people.$inferInsert;
