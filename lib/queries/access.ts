import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  apiTokens,
  auditLog,
  authAccounts,
  authSessions,
  authUsers,
  memberships,
  signInLinks,
  workspaces,
  type ApiToken,
  type AuditEntry,
  type AuthUser,
  type TokenScope,
  type WorkspaceRole,
} from "@/db/schema";

export type { ApiToken, AuditEntry, AuthUser, TokenScope, WorkspaceRole };

/** Every user, by email. */
export async function listUsers(db: Db): Promise<AuthUser[]> {
  return db.select().from(authUsers).orderBy(asc(authUsers.email)).all();
}

export async function countUsers(db: Db): Promise<number> {
  return db.select({ n: sql<number>`count(*)` }).from(authUsers).get()!.n;
}

export async function countAdmins(db: Db): Promise<number> {
  return db.select({ n: sql<number>`count(*)` }).from(authUsers).where(eq(authUsers.admin, true)).get()!.n;
}

export async function findUserByEmail(db: Db, email: string): Promise<AuthUser | null> {
  return db.select().from(authUsers).where(eq(authUsers.email, email.toLowerCase())).get() ?? null;
}

export async function findUserById(db: Db, id: string): Promise<AuthUser | null> {
  return db.select().from(authUsers).where(eq(authUsers.id, id)).get() ?? null;
}

/** Creates a user, with a credential account when a password hash is given. */
export async function insertUser(
  db: Db,
  user: { id: string; email: string; name: string; admin: boolean; passwordHash: string | null; now: number },
): Promise<void> {
  db.transaction((tx) => {
    const at = new Date(user.now);
    tx.insert(authUsers)
      .values({ id: user.id, email: user.email, name: user.name, admin: user.admin, createdAt: at, updatedAt: at })
      .run();
    if (user.passwordHash !== null)
      tx.insert(authAccounts)
        .values({
          id: `${user.id}-credential`,
          accountId: user.id,
          providerId: "credential",
          userId: user.id,
          password: user.passwordHash,
          createdAt: at,
          updatedAt: at,
        })
        .run();
  });
}

/** Sets (or adds) a user's password hash. */
export async function upsertPassword(db: Db, userId: string, passwordHash: string, now: number): Promise<void> {
  const at = new Date(now);
  const existing = db
    .select({ id: authAccounts.id })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, "credential")))
    .get();
  if (existing)
    db.update(authAccounts)
      .set({ password: passwordHash, updatedAt: at })
      .where(eq(authAccounts.id, existing.id))
      .run();
  else
    db.insert(authAccounts)
      .values({
        id: `${userId}-credential`,
        accountId: userId,
        providerId: "credential",
        userId,
        password: passwordHash,
        createdAt: at,
        updatedAt: at,
      })
      .run();
}

export async function setAdmin(db: Db, userId: string, admin: boolean): Promise<void> {
  db.update(authUsers).set({ admin }).where(eq(authUsers.id, userId)).run();
}

/** Deletes a user with their sessions, accounts and memberships. */
export async function deleteUser(db: Db, userId: string): Promise<void> {
  db.delete(authUsers).where(eq(authUsers.id, userId)).run();
}

/** Ends every session of a user; returns how many there were. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<number> {
  return db.delete(authSessions).where(eq(authSessions.userId, userId)).run().changes;
}

/** A user's live sessions, newest first. */
export async function listSessionsOf(db: Db, userId: string, now: number) {
  return db
    .select({
      id: authSessions.id,
      createdAt: authSessions.createdAt,
      expiresAt: authSessions.expiresAt,
      userAgent: authSessions.userAgent,
    })
    .from(authSessions)
    .where(and(eq(authSessions.userId, userId), gt(authSessions.expiresAt, new Date(now))))
    .orderBy(desc(authSessions.createdAt))
    .all();
}

export async function deleteSession(db: Db, userId: string, sessionId: string): Promise<number> {
  return db
    .delete(authSessions)
    .where(and(eq(authSessions.userId, userId), eq(authSessions.id, sessionId)))
    .run().changes;
}

/** A user's role on a workspace, or null. */
export async function findRole(db: Db, workspaceId: number, userId: string): Promise<WorkspaceRole | null> {
  return (
    db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
      .get()?.role ?? null
  );
}

/** The ids of the workspaces a user is a member of. */
export async function memberWorkspaceIds(db: Db, userId: string): Promise<number[]> {
  return db
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .all()
    .map((r) => r.id);
}

/** A workspace's members with their role, by email. */
export async function listMembers(db: Db, workspaceId: number) {
  return db
    .select({ userId: authUsers.id, email: authUsers.email, name: authUsers.name, role: memberships.role })
    .from(memberships)
    .innerJoin(authUsers, eq(authUsers.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(authUsers.email))
    .all();
}

export async function upsertMembership(
  db: Db,
  m: { workspaceId: number; userId: string; role: WorkspaceRole; now: number },
): Promise<void> {
  db.insert(memberships)
    .values({ workspaceId: m.workspaceId, userId: m.userId, role: m.role, createdAt: m.now })
    .onConflictDoUpdate({ target: [memberships.workspaceId, memberships.userId], set: { role: m.role } })
    .run();
}

export async function deleteMembership(db: Db, workspaceId: number, userId: string): Promise<number> {
  return db
    .delete(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .run().changes;
}

export async function countOwners(db: Db, workspaceId: number): Promise<number> {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .get()!.n;
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
  return db
    .insert(apiTokens)
    .values({
      workspaceId: t.workspaceId,
      name: t.name,
      scope: t.scope,
      hash: t.hash,
      prefix: t.prefix,
      createdBy: t.createdBy,
      createdAt: t.now,
    })
    .returning()
    .get();
}

/** The live (not revoked) token with this hash, with its workspace's slug. */
export async function findLiveTokenByHash(db: Db, hash: string): Promise<(ApiToken & { slug: string }) | null> {
  const row = db
    .select({ token: apiTokens, slug: workspaces.slug })
    .from(apiTokens)
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .where(and(eq(apiTokens.hash, hash), isNull(apiTokens.revokedAt)))
    .get();
  return row ? { ...row.token, slug: row.slug } : null;
}

export async function touchToken(db: Db, id: number, now: number): Promise<void> {
  db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id)).run();
}

/** A workspace's tokens, newest first (revoked ones too, marked). */
export async function listTokens(db: Db, workspaceId: number): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all();
}

/** Revokes a workspace's token; false when it has no live token with that id. */
export async function revokeToken(db: Db, workspaceId: number, id: number, now: number): Promise<ApiToken | null> {
  return (
    db
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning()
      .get() ?? null
  );
}

export async function insertAudit(
  db: Db,
  e: { at: number; actor: string; workspaceId: number | null; action: string; detail: string },
): Promise<void> {
  db.insert(auditLog).values(e).run();
}

/** A workspace's audit entries, newest first. */
export async function listAudit(db: Db, workspaceId: number, limit: number): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.workspaceId, workspaceId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

/** Instance-wide audit entries (sign-ins, users), newest first. */
export async function listInstanceAudit(db: Db, limit: number): Promise<AuditEntry[]> {
  return db
    .select()
    .from(auditLog)
    .where(isNull(auditLog.workspaceId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

/** How many entries of `action` with exactly `detail` were written since `since`. */
export async function countAuditSince(db: Db, action: string, detail: string, since: number): Promise<number> {
  return db
    .select({ n: sql<number>`count(*)` })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.detail, detail), gt(auditLog.at, since)))
    .get()!.n;
}

export async function insertSignInLink(db: Db, l: { hash: string; userId: string; expiresAt: number }): Promise<void> {
  db.insert(signInLinks).values(l).run();
}

/** Uses a one-time link: its user id when it exists, is unused and unexpired (then it is spent), else null. */
export async function spendSignInLink(db: Db, hash: string, now: number): Promise<string | null> {
  return (
    db
      .update(signInLinks)
      .set({ usedAt: now })
      .where(and(eq(signInLinks.hash, hash), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
      .returning({ userId: signInLinks.userId })
      .get()?.userId ?? null
  );
}

/** The workspaces with these ids (all of them when `ids` is null), by slug. */
export async function workspacesByIds(db: Db, ids: number[] | null) {
  const q = db.select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name }).from(workspaces);
  return (ids === null ? q : q.where(inArray(workspaces.id, ids.length ? ids : [-1])))
    .orderBy(asc(workspaces.slug))
    .all();
}
