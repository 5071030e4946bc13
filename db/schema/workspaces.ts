import { integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Defaults of spec/metrics.md, used when a workspace has not changed them. */
export const DEFAULT_PRODUCTION_ENV = "^prod(uction)?([-_.: ].*)?$";
export const DEFAULT_ATTRIBUTION_WINDOW_HOURS = 24;
export const DEFAULT_NEWCOMER_GRACE_DAYS = 30;
export const DEFAULT_REWORK_PATTERN = "^\\s*(revert|hotfix)\\b";
export const DEFAULT_REWORK_LABELS = "hotfix,revert,incident";

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
  /** Case-insensitive regular expression searched in pull request titles (rework rate, rule 2). */
  reworkPattern: text("rework_pattern").notNull().default(DEFAULT_REWORK_PATTERN),
  /** Comma-separated labels that make a pull request rework, compared ignoring case. */
  reworkLabels: text("rework_labels").notNull().default(DEFAULT_REWORK_LABELS),
  /** Bumped by every write of records, so derived results can be cached per version. */
  dataVersion: integer("data_version").notNull().default(0),
  /** The dataVersion at which change_links were last made whole; another value means they must be rebuilt. */
  linksVersion: integer("links_version").notNull().default(-1),
});

export type Workspace = typeof workspaces.$inferSelect;
export type NewWorkspace = typeof workspaces.$inferInsert;
