import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { TOKEN_SCOPES, WORKSPACE_ROLES } from "../schema/auth";
import { flag, ms, msTime } from "./types";
import { workspaces } from "./workspaces";

// better-auth's tables (db/schema/auth.ts). Its flags and instants are 0/1 and
// UTC milliseconds here too, so raw SQL reads the same values on both engines.

const now = sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export const authUsers = pgTable("auth_users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: flag("email_verified").notNull().default(sql`0`),
  image: text("image"),
  admin: flag("admin").notNull().default(sql`0`),
  createdAt: msTime("created_at").notNull().default(now),
  updatedAt: msTime("updated_at").notNull().default(now),
});

export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: msTime("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: msTime("created_at").notNull().default(now),
    updatedAt: msTime("updated_at").notNull().default(now),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: msTime("access_token_expires_at"),
    refreshTokenExpiresAt: msTime("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: msTime("created_at").notNull().default(now),
    updatedAt: msTime("updated_at").notNull().default(now),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

export const authVerifications = pgTable(
  "auth_verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: msTime("expires_at").notNull(),
    createdAt: msTime("created_at").notNull().default(now),
    updatedAt: msTime("updated_at").notNull().default(now),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

export const authRateLimits = pgTable("auth_rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: ms("last_request").notNull(),
});

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    hash: text("hash").notNull(),
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: ms("created_at").notNull(),
    lastUsedAt: ms("last_used_at"),
    revokedAt: ms("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.hash), index("api_tokens_workspace_idx").on(t.workspaceId)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: ms("at").notNull(),
    actor: text("actor").notNull(),
    workspaceId: integer("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("audit_log_workspace_idx").on(t.workspaceId, t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

export const signInLinks = pgTable("sign_in_links", {
  hash: text("hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => authUsers.id, { onDelete: "cascade" }),
  expiresAt: ms("expires_at").notNull(),
  usedAt: ms("used_at"),
});
