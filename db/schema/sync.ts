import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Where a collector left off, per source, scope (an org, a repository, a
 * PagerDuty account…) and stream (pull requests, deployments…). A cursor moves
 * only after the rows it covers are stored, so a killed sync resumes safely.
 */
export const syncCursors = sqliteTable(
  "sync_cursors",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    scope: text("scope").notNull(),
    stream: text("stream").notNull(),
    /** Opaque to the store: an updatedAt timestamp, a GraphQL end cursor, a page token. */
    cursor: text("cursor").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.scope, t.stream] })],
);

/** One run of a collector: when, how it ended, and its summary (requests, records, failures). */
export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    startedAt: integer("started_at").notNull(),
    finishedAt: integer("finished_at"),
    /** running | ok | partial | failed */
    status: text("status").notNull(),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [index("sync_runs_workspace").on(t.workspaceId, t.source, t.startedAt)],
);

/** Webhook deliveries already ingested, so a replayed delivery changes nothing. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    deliveryId: text("delivery_id").notNull(),
    event: text("event").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source, t.deliveryId] })],
);

/**
 * Who is syncing a workspace's source, so workers on several machines never
 * run the same sync twice. A worker claims the row (an UPDATE that only
 * matches when nobody holds it, or the holder's lease expired), renews
 * `expires_at` while it syncs and clears `holder` when done; a worker that
 * dies leaves a lease that another takes over once it expires. `slot` is the
 * scheduled time of the latest claimed run, so a second worker ticking for
 * the same scheduled time finds it taken even after the first finished.
 */
export const syncLeases = sqliteTable(
  "sync_leases",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    holder: text("holder"),
    claimedAt: integer("claimed_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    slot: integer("slot"),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.source] })],
);

export type SyncCursor = typeof syncCursors.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
