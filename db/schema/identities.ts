import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Every name a person id was seen with (git's author names after .mailmap):
 * one id may carry "Mike Cao" and "mike". Identity resolution groups ids by
 * their normalised full names (lib/identities).
 */
export const personNames = sqliteTable(
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

/**
 * Evidence a collector saw that two ids are one person, with the reason in
 * words: "pull request #12 was opened by mikecao and holds only mike's commits".
 */
export const personLinks = sqliteTable(
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

/**
 * What a person decided with `altimeter people`, kept so re-collecting
 * honours it: `intoId` set merges `personId` into that person; null keeps
 * `personId` apart from every automatic merge (an unmerge).
 */
export const identityDecisions = sqliteTable(
  "identity_decisions",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    personId: text("person_id").notNull(),
    intoId: text("into_id"),
    decidedAt: integer("decided_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.personId] })],
);

export type PersonName = typeof personNames.$inferSelect;
export type PersonLink = typeof personLinks.$inferSelect;
export type IdentityDecision = typeof identityDecisions.$inferSelect;
