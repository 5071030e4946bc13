import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ms } from "./types";
import { workspaces } from "./workspaces";

export const digestSends = pgTable(
  "digest_sends",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    claimedBy: text("claimed_by"),
    claimedAt: ms("claimed_at"),
    sentAt: ms("sent_at"),
    lastError: text("last_error"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.week, t.channel] })],
);
