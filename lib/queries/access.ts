import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { ApiToken, AuditEntry, AuthUser, TokenScope, WorkspaceRole } from "@/db/schema";
import type { Row } from "@/db/store";

export type { ApiToken, AuditEntry, AuthUser, TokenScope, WorkspaceRole };

// Portable SQL over the store (one text for SQLite and PostgreSQL). better-auth's
// flags are 0/1 and its instants UTC milliseconds on both engines; the rows are
// turned back into the booleans and Dates its drizzle types promise.

const USER_COLUMNS = "id, name, email, email_verified, image, admin, created_at, updated_at";
const TOKEN_COLUMNS = "id, workspace_id, name, scope, hash, prefix, created_by, created_at, last_used_at, revoked_at";
const AUDIT_COLUMNS = "id, at, actor, workspace_id, action, detail";

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toUser(r: Row): AuthUser {
  return {
    id: r.id as string,
    name: r.name as string,
    email: r.email as string,
    emailVerified: num(r.email_verified) === 1,
    image: (r.image as string | null) ?? null,
    admin: num(r.admin) === 1,
    createdAt: new Date(num(r.created_at)),
    updatedAt: new Date(num(r.updated_at)),
  };
}

function toToken(r: Row): ApiToken {
  return {
    id: num(r.id),
    workspaceId: num(r.workspace_id),
    name: r.name as string,
    scope: r.scope as TokenScope,
    hash: r.hash as string,
    prefix: r.prefix as string,
    createdBy: r.created_by as string,
    createdAt: num(r.created_at),
    lastUsedAt: numOrNull(r.last_used_at),
    revokedAt: numOrNull(r.revoked_at),
  };
}

function toAudit(r: Row): AuditEntry {
  return {
    id: num(r.id),
    at: num(r.at),
    actor: r.actor as string,
    workspaceId: numOrNull(r.workspace_id),
    action: r.action as string,
    detail: r.detail as string,
  };
}

/** Every user, by email. */
export async function listUsers(db: Db): Promise<AuthUser[]> {
  return (await db.rows(`SELECT ${USER_COLUMNS} FROM auth_users ORDER BY email`)).map(toUser);
}

export async function countUsers(db: Db): Promise<number> {
  return num(await db.value("SELECT count(*) FROM auth_users"));
}

export async function countAdmins(db: Db): Promise<number> {
  return num(await db.value("SELECT count(*) FROM auth_users WHERE admin = 1"));
}

export async function findUserByEmail(db: Db, email: string): Promise<AuthUser | null> {
  const row = await db.row(`SELECT ${USER_COLUMNS} FROM auth_users WHERE email = ?`, [email.toLowerCase()]);
  return row ? toUser(row) : null;
}

export async function findUserById(db: Db, id: string): Promise<AuthUser | null> {
  const row = await db.row(`SELECT ${USER_COLUMNS} FROM auth_users WHERE id = ?`, [id]);
  return row ? toUser(row) : null;
}

const INSERT_CREDENTIAL =
  "INSERT INTO auth_accounts (id, account_id, provider_id, user_id, password, created_at, updated_at) VALUES (?, ?, 'credential', ?, ?, ?, ?)";

/** Creates a user, with a credential account when a password hash is given. */
export async function insertUser(
  db: Db,
  user: { id: string; email: string; name: string; admin: boolean; passwordHash: string | null; now: number },
): Promise<void> {
  await db.atomic(async (tx) => {
    await tx.exec(
      "INSERT INTO auth_users (id, email, name, email_verified, admin, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)",
      [user.id, user.email, user.name, user.admin, user.now, user.now],
    );
    if (user.passwordHash !== null)
      await tx.exec(INSERT_CREDENTIAL, [
        `${user.id}-credential`,
        user.id,
        user.id,
        user.passwordHash,
        user.now,
        user.now,
      ]);
  });
}

/** Sets (or adds) a user's password hash. */
export async function upsertPassword(db: Db, userId: string, passwordHash: string, now: number): Promise<void> {
  await db.atomic(async (tx) => {
    const changed = await tx.exec(
      "UPDATE auth_accounts SET password = ?, updated_at = ? WHERE user_id = ? AND provider_id = 'credential'",
      [passwordHash, now, userId],
    );
    if (changed === 0)
      await tx.exec(INSERT_CREDENTIAL, [`${userId}-credential`, userId, userId, passwordHash, now, now]);
  });
}

export async function setAdmin(db: Db, userId: string, admin: boolean): Promise<void> {
  await db.exec("UPDATE auth_users SET admin = ? WHERE id = ?", [admin, userId]);
}

/** Deletes a user with their sessions, accounts and memberships. */
export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db.exec("DELETE FROM auth_users WHERE id = ?", [userId]);
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  return db.exec("DELETE FROM auth_sessions WHERE user_id = ?", [userId]);
}

/** One live session of a user, as the sessions page lists it. */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
}

/** A user's live sessions, newest first. */
export async function listSessionsOf(db: Db, userId: string, now: number): Promise<SessionSummary[]> {
  const rows = await db.rows(
    "SELECT id, created_at, expires_at, user_agent FROM auth_sessions WHERE user_id = ? AND expires_at > ? ORDER BY created_at DESC",
    [userId, now],
  );
  return rows.map((r) => ({
    id: r.id as string,
    createdAt: new Date(num(r.created_at)),
    expiresAt: new Date(num(r.expires_at)),
    userAgent: (r.user_agent as string | null) ?? null,
  }));
}

export async function deleteSession(db: Db, userId: string, sessionId: string): Promise<number> {
  return db.exec("DELETE FROM auth_sessions WHERE user_id = ? AND id = ?", [userId, sessionId]);
}

/** A user's role on a workspace, or null. */
export async function findRole(db: Db, workspaceId: number, userId: string): Promise<WorkspaceRole | null> {
  return (
    (await db.value<WorkspaceRole>("SELECT role FROM memberships WHERE workspace_id = ? AND user_id = ?", [
      workspaceId,
      userId,
    ])) ?? null
  );
}

/** The ids of the workspaces a user is a member of. */
export async function memberWorkspaceIds(db: Db, userId: string): Promise<number[]> {
  const rows = await db.tuples("SELECT workspace_id FROM memberships WHERE user_id = ?", [userId]);
  return rows.map((r) => num(r[0]));
}

/** One member of a workspace. */
export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: WorkspaceRole;
}

/** A workspace's members with their role, by email. */
export async function listMembers(db: Db, workspaceId: number): Promise<MemberRow[]> {
  const rows = await db.rows(
    `SELECT u.id, u.email, u.name, m.role FROM memberships m JOIN auth_users u ON u.id = m.user_id
     WHERE m.workspace_id = ? ORDER BY u.email`,
    [workspaceId],
  );
  return rows.map((r) => ({
    userId: r.id as string,
    email: r.email as string,
    name: r.name as string,
    role: r.role as WorkspaceRole,
  }));
}

export async function upsertMembership(
  db: Db,
  m: { workspaceId: number; userId: string; role: WorkspaceRole; now: number },
): Promise<void> {
  await db.exec(
    `INSERT INTO memberships (workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET role = excluded.role`,
    [m.workspaceId, m.userId, m.role, m.now],
  );
}

export async function deleteMembership(db: Db, workspaceId: number, userId: string): Promise<number> {
  return db.exec("DELETE FROM memberships WHERE workspace_id = ? AND user_id = ?", [workspaceId, userId]);
}

export async function countOwners(db: Db, workspaceId: number): Promise<number> {
  return num(
    await db.value("SELECT count(*) FROM memberships WHERE workspace_id = ? AND role = 'owner'", [workspaceId]),
  );
}

export async function insertToken(
  db: Db,
  t: {
    workspaceId: number;
    name: string;
    scope: TokenScope;
    hash: string;
    prefix: string;
    createdBy: string;
    now: number;
  },
): Promise<ApiToken> {
  const row = await db.row(
    `INSERT INTO api_tokens (workspace_id, name, scope, hash, prefix, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${TOKEN_COLUMNS}`,
    [t.workspaceId, t.name, t.scope, t.hash, t.prefix, t.createdBy, t.now],
  );
  return toToken(row!);
}

/** The live (not revoked) token with this hash, with its workspace's slug. */
export async function findLiveTokenByHash(db: Db, hash: string): Promise<(ApiToken & { slug: string }) | null> {
  const row = await db.row(
    `SELECT t.id, t.workspace_id, t.name, t.scope, t.hash, t.prefix, t.created_by, t.created_at, t.last_used_at,
       t.revoked_at, w.slug FROM api_tokens t JOIN workspaces w ON w.id = t.workspace_id
     WHERE t.hash = ? AND t.revoked_at IS NULL`,
    [hash],
  );
  return row ? { ...toToken(row), slug: row.slug as string } : null;
}

export async function touchToken(db: Db, id: number, now: number): Promise<void> {
  await db.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [now, id]);
}

/** A workspace's tokens, newest first (revoked ones too, marked). */
export async function listTokens(db: Db, workspaceId: number): Promise<ApiToken[]> {
  const rows = await db.rows(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE workspace_id = ? ORDER BY created_at DESC, id DESC`,
    [workspaceId],
  );
  return rows.map(toToken);
}

/** Revokes a workspace's token; null when it has no live token with that id. */
export async function revokeToken(db: Db, workspaceId: number, id: number, now: number): Promise<ApiToken | null> {
  const row = await db.row(
    `UPDATE api_tokens SET revoked_at = ? WHERE workspace_id = ? AND id = ? AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`,
    [now, workspaceId, id],
  );
  return row ? toToken(row) : null;
}

export async function insertAudit(
  db: Db,
  e: { at: number; actor: string; workspaceId: number | null; action: string; detail: string },
): Promise<void> {
  await db.exec("INSERT INTO audit_log (at, actor, workspace_id, action, detail) VALUES (?, ?, ?, ?, ?)", [
    e.at,
    e.actor,
    e.workspaceId,
    e.action,
    e.detail,
  ]);
}

/** A workspace's audit entries, newest first. */
export async function listAudit(db: Db, workspaceId: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db.rows(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE workspace_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
    [workspaceId, limit],
  );
  return rows.map(toAudit);
}

/** Instance-wide audit entries (sign-ins, users), newest first. */
export async function listInstanceAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  const rows = await db.rows(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE workspace_id IS NULL ORDER BY at DESC, id DESC LIMIT ?`,
    [limit],
  );
  return rows.map(toAudit);
}

/** How many entries of `action` with exactly `detail` were written since `since`. */
export async function countAuditSince(db: Db, action: string, detail: string, since: number): Promise<number> {
  return num(
    await db.value("SELECT count(*) FROM audit_log WHERE action = ? AND detail = ? AND at > ?", [
      action,
      detail,
      since,
    ]),
  );
}

/**
 * Counts an attempt under `key` (a sign-in from one address) and returns how
 * many were made in its window, this one included. The window is `windowMs`
 * long from the first attempt after the previous window ended. One upsert on
 * better-auth's request counters (auth_rate_limits, under keys of its own), so
 * every app instance on the store counts into the same window and two counting
 * at once both count.
 */
export async function countAttempt(db: Db, key: string, now: number, windowMs: number): Promise<number> {
  const ended = now - windowMs;
  return num(
    await db.value(
      `INSERT INTO auth_rate_limits (id, key, count, last_request) VALUES (?, ?, 1, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN auth_rate_limits.last_request <= CAST(? AS bigint) THEN 1 ELSE auth_rate_limits.count + 1 END,
         last_request = CASE WHEN auth_rate_limits.last_request <= CAST(? AS bigint) THEN excluded.last_request
                             ELSE auth_rate_limits.last_request END
       RETURNING count`,
      [randomUUID(), key, now, ended, ended],
    ),
  );
}

export async function insertSignInLink(db: Db, l: { hash: string; userId: string; expiresAt: number }): Promise<void> {
  await db.exec("INSERT INTO sign_in_links (hash, user_id, expires_at) VALUES (?, ?, ?)", [
    l.hash,
    l.userId,
    l.expiresAt,
  ]);
}

/**
 * Uses a one-time link: its user id when it exists, is unused and unexpired
 * (then it is spent), else null. One conditional UPDATE, so two processes
 * spending the same link at once cannot both succeed.
 */
export async function spendSignInLink(db: Db, hash: string, now: number): Promise<string | null> {
  return (
    (await db.value<string>(
      "UPDATE sign_in_links SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id",
      [now, hash, now],
    )) ?? null
  );
}

/** The workspaces with these ids (all of them when `ids` is null), by slug. */
export async function workspacesByIds(
  db: Db,
  ids: number[] | null,
): Promise<{ id: number; slug: string; name: string }[]> {
  if (ids !== null && ids.length === 0) return [];
  const where = ids === null ? "" : `WHERE id IN (${ids.map(() => "?").join(", ")})`;
  const rows = await db.rows(`SELECT id, slug, name FROM workspaces ${where} ORDER BY slug`, ids ?? []);
  return rows.map((r) => ({ id: num(r.id), slug: r.slug as string, name: r.name as string }));
}
