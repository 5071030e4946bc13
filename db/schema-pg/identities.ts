import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const personNames = pgTable(
  "person_names",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.personId, t.name] })],
);

export const personLinks = pgTable(
  "person_links",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    otherId: text("other_id").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.personId, t.otherId] })],
);

export const identityDecisions = pgTable(
  "identity_decisions",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    intoId: text("into_id"),
    decidedAt: ms("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.personId] })],
);
