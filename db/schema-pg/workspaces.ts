import { doublePrecision, integer, pgTable, text } from "drizzle-orm/pg-core";
import {
  DEFAULT_ATTRIBUTION_WINDOW_HOURS,
  DEFAULT_NEWCOMER_GRACE_DAYS,
  DEFAULT_PRODUCTION_ENV,
  DEFAULT_REWORK_LABELS,
  DEFAULT_REWORK_PATTERN,
} from "../schema/workspaces";
import { ms } from "./types";

/** One client organisation (db/schema/workspaces.ts). */
export const workspaces = pgTable("workspaces", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: ms("created_at").notNull(),
  productionEnv: text("production_env").notNull().default(DEFAULT_PRODUCTION_ENV),
  attributionWindowHours: doublePrecision("attribution_window_hours")
    .notNull()
    .default(DEFAULT_ATTRIBUTION_WINDOW_HOURS),
  newcomerGraceDays: doublePrecision("newcomer_grace_days").notNull().default(DEFAULT_NEWCOMER_GRACE_DAYS),
  reworkPattern: text("rework_pattern").notNull().default(DEFAULT_REWORK_PATTERN),
  reworkLabels: text("rework_labels").notNull().default(DEFAULT_REWORK_LABELS),
  dataVersion: integer("data_version").notNull().default(0),
  linksVersion: integer("links_version").notNull().default(-1),
});
