import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { jsonText, ms } from "./types";
import { workspaces } from "./workspaces";

export const syncCursors = pgTable(
  "sync_cursors",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    scope: text("scope").notNull(),
    stream: text("stream").notNull(),
    cursor: text("cursor").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.scope, t.stream] })],
);

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    startedAt: ms("started_at").notNull(),
    finishedAt: ms("finished_at"),
    status: text("status").notNull(),
    summary: jsonText("summary").$type<Record<string, unknown>>(),
  },
  (t) => [index("sync_runs_workspace").on(t.workspaceId, t.source, t.startedAt)],
);

export const syncLeases = pgTable(
  "sync_leases",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    holder: text("holder"),
    claimedAt: ms("claimed_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
    slot: ms("slot"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source] })],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    deliveryId: text("delivery_id").notNull(),
    event: text("event").notNull(),
    receivedAt: ms("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.deliveryId] })],
);
