import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Defaults of spec/metrics.md, used when a workspace has not changed them. */
export const DEFAULT_PRODUCTION_ENV = "^prod(uction)?([-_.: ].*)?$";
export const DEFAULT_ATTRIBUTION_WINDOW_HOURS = 24;
export const DEFAULT_NEWCOMER_GRACE_DAYS = 30;

/** One client organisation. Every other row belongs to exactly one workspace. */
export const workspaces = sqliteTable("workspaces", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: integer("created_at").notNull(),
  /** Case-insensitive regular expression a production environment name matches. */
  productionEnv: text("production_env").notNull().default(DEFAULT_PRODUCTION_ENV),
  /** Incident-to-deployment attribution window in hours; 0 means unlimited. */
  attributionWindowHours: real("attribution_window_hours").notNull().default(DEFAULT_ATTRIBUTION_WINDOW_HOURS),
  newcomerGraceDays: real("newcomer_grace_days").notNull().default(DEFAULT_NEWCOMER_GRACE_DAYS),
  /** Bumped by every write of records, so derived results can be cached per version. */
  dataVersion: integer("data_version").notNull().default(0),
});

export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;
