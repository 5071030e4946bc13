import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * One weekly digest per workspace, ISO week and channel. The row is claimed
 * before sending, so a restart or a second worker never sends a week twice;
 * failures are recorded with their attempts, never silently lost.
 */
export const digestSends = sqliteTable(
  "digest_sends",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** ISO week, e.g. 2026-W47. */
    week: text("week").notNull(),
    /** email | slack | file */
    channel: text("channel").notNull(),
    /** sending | sent | failed */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    claimedBy: text("claimed_by"),
    claimedAt: integer("claimed_at"),
    sentAt: integer("sent_at"),
    lastError: text("last_error"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.week, t.channel] })],
);

export type DigestSend = typeof digestSends.$inferSelect;
