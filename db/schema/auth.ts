import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

// Accounts and sessions: the tables better-auth's drizzle adapter reads and
// writes (lib/auth/auth.ts maps its models onto them). Property names are the
// library's field names; columns are snake_case like the rest of the schema.

const now = sql`(cast(unixepoch('subsecond') * 1000 as integer))`;

/** A person who signs in. `admin` manages users and every workspace. */
export const authUsers = sqliteTable("auth_users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: integer("email_verified", { mode: "boolean" }).notNull().default(false),
  image: text("image"),
  admin: integer("admin", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
});

/** A signed-in browser. The cookie carries `token`; deleting the row signs it out. */
export const authSessions = sqliteTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    token: text("token").notNull().unique(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** How a user signs in: `credential` (a scrypt password hash) or an OpenID Connect provider's subject. */
export const authAccounts = sqliteTable(
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
    accessTokenExpiresAt: integer("access_token_expires_at", { mode: "timestamp_ms" }),
    refreshTokenExpiresAt: integer("refresh_token_expires_at", { mode: "timestamp_ms" }),
    scope: text("scope"),
    password: text("password"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("auth_accounts_user_idx").on(t.userId)],
);

/** Short-lived values of sign-in flows (OIDC state, one-time links). */
export const authVerifications = sqliteTable(
  "auth_verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

/** better-auth's request counters (sign-in attempts per client), kept across restarts. */
export const authRateLimits = sqliteTable("auth_rate_limits", {
  id: text("id").primaryKey(),
  key: text("key").notNull().unique(),
  count: integer("count").notNull(),
  lastRequest: integer("last_request").notNull(),
});

/** Roles on a workspace, weakest first: a viewer reads, an editor also changes answers and settings, an owner also manages members and tokens. */
export const WORKSPACE_ROLES = ["viewer", "editor", "owner"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** A user's role on one workspace. No row: no access (the workspace answers 404). */
export const memberships = sqliteTable(
  "memberships",
  {
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    role: text("role", { enum: WORKSPACE_ROLES }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** What an API token may do: read metrics (`GET /api/v1/…`) or write events (`POST /api/events`). */
export const TOKEN_SCOPES = ["read:metrics", "write:events"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** A workspace's API token. Only its SHA-256 is kept; the token itself is shown once, when created. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scope: text("scope", { enum: TOKEN_SCOPES }).notNull(),
    /** Hex SHA-256 of the whole token. */
    hash: text("hash").notNull(),
    /** The token's first characters, to recognise it in lists. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.hash), index("api_tokens_workspace_idx").on(t.workspaceId)],
);

/** Who did what, when: sign-ins, answers, settings, members and tokens. Never holds a secret. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** `user:EMAIL`, `token:ID`, or `cli` (the machine's operator). */
    actor: text("actor").notNull(),
    /** Null for instance-wide events (sign-ins, users). */
    workspaceId: integer("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    /** What changed, in words. */
    detail: text("detail").notNull().default(""),
  },
  (t) => [index("audit_log_workspace_idx").on(t.workspaceId, t.at), index("audit_log_action_idx").on(t.action, t.at)],
);

/** One-time sign-in links (first start, `altimeter users link`): only the SHA-256 of the token is kept. */
export const signInLinks = sqliteTable("sign_in_links", {
  hash: text("hash").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => authUsers.id, { onDelete: "cascade" }),
  expiresAt: integer("expires_at").notNull(),
  usedAt: integer("used_at"),
});

export type AuthUser = typeof authUsers.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
