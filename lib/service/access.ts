import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { TOKEN_SCOPES, WORKSPACE_ROLES, type TokenScope, type WorkspaceRole } from "@/db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import * as q from "@/lib/queries/access";
import { findWorkspace, type Workspace } from "@/lib/queries/workspaces";

export { TOKEN_SCOPES, WORKSPACE_ROLES, type TokenScope, type WorkspaceRole };

/**
 * Who is asking. A person signed in; an API token of one workspace and
 * scope; the short-lived print token of `altimeter report` and the PDF
 * route (reads one workspace's report page); or the CLI, which acts as the
 * machine's operator.
 */
export type Principal =
  | { kind: "user"; userId: string; email: string; name: string; admin: boolean }
  | { kind: "token"; tokenId: number; workspace: string; scope: TokenScope }
  | { kind: "print"; workspace: string }
  | { kind: "operator" };

export const OPERATOR: Principal = { kind: "operator" };

/** How an audit entry names the actor: `user:EMAIL`, `token:ID`, `print`, `cli`. */
export function actorName(p: Principal): string {
  switch (p.kind) {
    case "user":
      return `user:${p.email}`;
    case "token":
      return `token:${p.tokenId}`;
    case "print":
      return "print";
    case "operator":
      return "cli";
  }
}

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Whether `role` includes what `needed` may do. */
export function roleAtLeast(role: WorkspaceRole | null, needed: WorkspaceRole): boolean {
  return role !== null && RANK[role] >= RANK[needed];
}

/** The role of a principal on a workspace; null means no access (the workspace answers 404). */
export async function roleOn(db: Db, p: Principal, workspace: Workspace): Promise<WorkspaceRole | null> {
  switch (p.kind) {
    case "operator":
      return "owner";
    case "user":
      return p.admin ? "owner" : q.findRole(db, workspace.id, p.userId);
    case "token":
    case "print":
      return p.workspace === workspace.slug ? "viewer" : null;
  }
}

/** The same words for a workspace that does not exist and one the asker may not see. */
export function unknownWorkspace(slug: string): NotFoundError {
  return new NotFoundError(`unknown workspace ${JSON.stringify(slug)}`);
}

/**
 * The workspace of `slug` and the asker's role on it, when they have at
 * least `needed`. No access and no such workspace are the same NotFoundError
 * (nothing tells them apart); access with too weak a role is a ForbiddenError.
 */
export async function authoriseWorkspace(
  db: Db,
  p: Principal | null,
  slug: string,
  needed: WorkspaceRole = "viewer",
): Promise<{ workspace: Workspace; role: WorkspaceRole }> {
  const workspace = p ? await findWorkspace(db, slug) : null;
  const role = workspace && p ? await roleOn(db, p, workspace) : null;
  if (!workspace || !role) throw unknownWorkspace(slug);
  if (!roleAtLeast(role, needed))
    throw new ForbiddenError(`your role on ${JSON.stringify(slug)} is ${role}; this needs ${needed}`);
  return { workspace, role };
}

/** The workspaces a principal may see: null means every one. */
export async function visibleWorkspaceIds(db: Db, p: Principal): Promise<number[] | null> {
  if (p.kind === "operator" || (p.kind === "user" && p.admin)) return null;
  if (p.kind === "user") return q.memberWorkspaceIds(db, p.userId);
  const w = await findWorkspace(db, p.workspace);
  return w ? [w.id] : [];
}

/** Writes one audit entry. `detail` is words, never a secret. */
export async function audit(
  db: Db,
  p: Principal,
  workspaceId: number | null,
  action: string,
  detail = "",
  now = Date.now(),
): Promise<void> {
  await q.insertAudit(db, { at: now, actor: actorName(p), workspaceId, action, detail });
}

// ---- users ----

/** scrypt, as better-auth hashes and verifies passwords; loaded on first use so other commands start fast. */
async function hashPassword(password: string): Promise<string> {
  return (await import("better-auth/crypto")).hashPassword(password);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD = 12;

function checkEmail(email: string): string {
  const e = email.trim().toLowerCase();
  if (!EMAIL.test(e)) throw new ValidationError(`${JSON.stringify(email)} is not an email address`);
  return e;
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD)
    throw new ValidationError(`the password must be at least ${MIN_PASSWORD} characters`);
  if (password.length > 128) throw new ValidationError("the password must be at most 128 characters");
  return password;
}

function mustBeAdmin(p: Principal): void {
  if (!(p.kind === "operator" || (p.kind === "user" && p.admin)))
    throw new ForbiddenError("only an instance admin manages users");
}

/** Creates a user (password hashed with scrypt; none for someone who signs in through OIDC). */
export async function createUser(
  db: Db,
  actor: Principal,
  input: { email: string; name?: string | null; password?: string | null; admin?: boolean },
  now = Date.now(),
): Promise<q.AuthUser> {
  mustBeAdmin(actor);
  const email = checkEmail(input.email);
  if (await q.findUserByEmail(db, email)) throw new ValidationError(`there is already a user ${email}`);
  const passwordHash = input.password ? await hashPassword(checkPassword(input.password)) : null;
  const id = randomUUID();
  await q.insertUser(db, {
    id,
    email,
    name: input.name?.trim() || email.split("@")[0]!,
    admin: input.admin ?? false,
    passwordHash,
    now,
  });
  await audit(db, actor, null, "user.create", `${email}${input.admin ? " (admin)" : ""}`, now);
  return (await q.findUserById(db, id))!;
}

export async function userByEmail(db: Db, email: string): Promise<q.AuthUser> {
  const user = await q.findUserByEmail(db, checkEmail(email));
  if (!user) throw new NotFoundError(`no user ${email.trim().toLowerCase()}`);
  return user;
}

export async function listUsers(db: Db, actor: Principal) {
  mustBeAdmin(actor);
  return q.listUsers(db);
}

/** Sets a user's password and ends their sessions. */
export async function setPassword(db: Db, actor: Principal, email: string, password: string, now = Date.now()) {
  mustBeAdmin(actor);
  const user = await userByEmail(db, email);
  await q.upsertPassword(db, user.id, await hashPassword(checkPassword(password)), now);
  await q.deleteSessionsOf(db, user.id);
  await audit(db, actor, null, "user.password", user.email, now);
}

export async function setUserAdmin(db: Db, actor: Principal, email: string, admin: boolean, now = Date.now()) {
  mustBeAdmin(actor);
  const user = await userByEmail(db, email);
  if (!admin && user.admin && (await q.countAdmins(db)) <= 1)
    throw new ValidationError(`${user.email} is the only admin; make another user admin first`);
  await q.setAdmin(db, user.id, admin);
  await audit(db, actor, null, admin ? "user.admin" : "user.unadmin", user.email, now);
}

export async function removeUser(db: Db, actor: Principal, email: string, now = Date.now()) {
  mustBeAdmin(actor);
  const user = await userByEmail(db, email);
  if (user.admin && (await q.countAdmins(db)) <= 1)
    throw new ValidationError(`${user.email} is the only admin; make another user admin first`);
  await q.deleteUser(db, user.id);
  await audit(db, actor, null, "user.remove", user.email, now);
}

/** Ends every session of a user (they must sign in again). */
export async function revokeSessions(db: Db, actor: Principal, email: string, now = Date.now()): Promise<number> {
  const user = await userByEmail(db, email);
  if (!(actor.kind === "user" && actor.userId === user.id)) mustBeAdmin(actor);
  const n = await q.deleteSessionsOf(db, user.id);
  await audit(db, actor, null, "session.revoke", `${user.email}: ${n}`, now);
  return n;
}

export const listSessionsOf = q.listSessionsOf;

/** The signed-in user's own live sessions, newest first. */
export async function mySessions(db: Db, actor: Principal, now = Date.now()) {
  if (actor.kind !== "user") throw new ForbiddenError("only a signed-in user has sessions");
  return q.listSessionsOf(db, actor.userId, now);
}

/** Ends the signed-in user's sessions other than `keepSessionId` (this browser's); how many ended. */
export async function revokeOtherSessions(db: Db, actor: Principal, keepSessionId: string, now = Date.now()) {
  if (actor.kind !== "user") throw new ForbiddenError("only a signed-in user has sessions");
  let n = 0;
  for (const s of await q.listSessionsOf(db, actor.userId, now))
    if (s.id !== keepSessionId) n += await q.deleteSession(db, actor.userId, s.id);
  await audit(db, actor, null, "session.revoke", `${actor.email}: ${n} other sessions`, now);
  return n;
}

/** Ends one of the signed-in user's own sessions. */
export async function revokeOwnSession(db: Db, actor: Principal, sessionId: string, now = Date.now()) {
  if (actor.kind !== "user") throw new ForbiddenError("only a signed-in user has sessions");
  const n = await q.deleteSession(db, actor.userId, sessionId);
  if (n === 0) throw new NotFoundError("no such session");
  await audit(db, actor, null, "session.revoke", `${actor.email}: 1`, now);
}

// ---- one-time sign-in links ----

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A one-time sign-in token for a user (first start, `altimeter users link`); only its hash is stored. */
export async function createSignInLink(db: Db, userId: string, ttlMs = 24 * 3600_000, now = Date.now()) {
  const token = randomBytes(32).toString("base64url");
  await q.insertSignInLink(db, { hash: sha256(token), userId, expiresAt: now + ttlMs });
  return token;
}

/**
 * A new one-time sign-in token for a user, made by an admin (the "reset
 * link" of the users page and `altimeter users link`); audited, never the token.
 */
export async function issueSignInLink(db: Db, actor: Principal, email: string, now = Date.now()): Promise<string> {
  mustBeAdmin(actor);
  const user = await userByEmail(db, email);
  const token = await createSignInLink(db, user.id, undefined, now);
  await audit(db, actor, null, "user.link", user.email, now);
  return token;
}

/** Spends a one-time sign-in token: its user, or null when unknown, used or expired. */
export async function spendSignInLink(db: Db, token: string, now = Date.now()): Promise<q.AuthUser | null> {
  const userId = await q.spendSignInLink(db, sha256(token), now);
  return userId ? q.findUserById(db, userId) : null;
}

// ---- members ----

async function ownerOf(db: Db, actor: Principal, slug: string) {
  return (await authoriseWorkspace(db, actor, slug, "owner")).workspace;
}

export async function listMembers(db: Db, actor: Principal, slug: string) {
  return q.listMembers(db, (await ownerOf(db, actor, slug)).id);
}

function checkRole(role: string): WorkspaceRole {
  if (!(WORKSPACE_ROLES as readonly string[]).includes(role))
    throw new ValidationError(`role must be one of ${WORKSPACE_ROLES.join(", ")}, got ${JSON.stringify(role)}`);
  return role as WorkspaceRole;
}

/** Gives a user (by email) a role on a workspace; an owner or admin does it. */
export async function setMember(
  db: Db,
  actor: Principal,
  slug: string,
  input: { email: string; role: string },
  now = Date.now(),
): Promise<void> {
  const workspace = await ownerOf(db, actor, slug);
  const role = checkRole(input.role);
  const user = await userByEmail(db, input.email);
  const before = await q.findRole(db, workspace.id, user.id);
  if (before === "owner" && role !== "owner" && (await q.countOwners(db, workspace.id)) <= 1 && !isAdmin(actor))
    throw new ValidationError(`${user.email} is the workspace's only owner; make someone else owner first`);
  await q.upsertMembership(db, { workspaceId: workspace.id, userId: user.id, role, now });
  await audit(db, actor, workspace.id, "member.set", `${user.email}: ${before ?? "none"} → ${role}`, now);
}

/** An instance admin (or the CLI operator): manages users and sees every workspace. */
export function isAdmin(p: Principal): boolean {
  return p.kind === "operator" || (p.kind === "user" && p.admin);
}

export async function removeMember(db: Db, actor: Principal, slug: string, email: string, now = Date.now()) {
  const workspace = await ownerOf(db, actor, slug);
  const user = await userByEmail(db, email);
  const before = await q.findRole(db, workspace.id, user.id);
  if (!before) throw new NotFoundError(`${user.email} is not a member of ${slug}`);
  if (before === "owner" && (await q.countOwners(db, workspace.id)) <= 1 && !isAdmin(actor))
    throw new ValidationError(`${user.email} is the workspace's only owner; make someone else owner first`);
  await q.deleteMembership(db, workspace.id, user.id);
  await audit(db, actor, workspace.id, "member.remove", `${user.email} (was ${before})`, now);
}

// ---- API tokens ----

const TOKEN_PREFIX = "alt_";

function checkScope(scope: string): TokenScope {
  if (!(TOKEN_SCOPES as readonly string[]).includes(scope))
    throw new ValidationError(`scope must be one of ${TOKEN_SCOPES.join(", ")}, got ${JSON.stringify(scope)}`);
  return scope as TokenScope;
}

/** Creates a workspace API token. The token is returned once; only its SHA-256 is stored. */
export async function createToken(
  db: Db,
  actor: Principal,
  slug: string,
  input: { name: string; scope: string },
  now = Date.now(),
): Promise<{ token: string; record: q.ApiToken }> {
  const workspace = await ownerOf(db, actor, slug);
  const scope = checkScope(input.scope);
  const name = input.name.trim();
  if (name === "" || name.length > 100) throw new ValidationError("name the token (1–100 characters), e.g. ci-deploys");
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = await q.insertToken(db, {
    workspaceId: workspace.id,
    name,
    scope,
    hash: sha256(token),
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdBy: actorName(actor),
    now,
  });
  await audit(db, actor, workspace.id, "token.create", `#${record.id} ${name} (${scope})`, now);
  return { token, record };
}

export async function listTokens(db: Db, actor: Principal, slug: string) {
  return q.listTokens(db, (await ownerOf(db, actor, slug)).id);
}

export async function revokeToken(db: Db, actor: Principal, slug: string, id: number, now = Date.now()) {
  const workspace = await ownerOf(db, actor, slug);
  const revoked = await q.revokeToken(db, workspace.id, id, now);
  if (!revoked) throw new NotFoundError(`no live token #${id} in ${slug}`);
  await audit(db, actor, workspace.id, "token.revoke", `#${id} ${revoked.name} (${revoked.scope})`, now);
}

/** The principal of an `Authorization: Bearer alt_…` header, or null when it is not a live token. */
export async function tokenPrincipal(
  db: Db,
  authorization: string | null,
  now = Date.now(),
): Promise<Principal | null> {
  const match = /^Bearer\s+(alt_[A-Za-z0-9_-]{20,})\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  const token = await q.findLiveTokenByHash(db, sha256(match[1]!));
  if (!token) return null;
  // At most one write a minute per token, so a busy API does not write on every call.
  if (token.lastUsedAt === null || now - token.lastUsedAt > 60_000) await q.touchToken(db, token.id, now);
  return { kind: "token", tokenId: token.id, workspace: token.slug, scope: token.scope };
}

// ---- audit ----

/** A workspace's audit log, newest first; owners read it. */
export async function readAudit(db: Db, actor: Principal, slug: string, limit = 200) {
  return q.listAudit(db, (await ownerOf(db, actor, slug)).id, limit);
}

/** Sign-ins and user changes, newest first; admins read them. */
export async function readInstanceAudit(db: Db, actor: Principal, limit = 200) {
  mustBeAdmin(actor);
  return q.listInstanceAudit(db, limit);
}

/** Failed sign-ins for an email in the last `windowMs` (the sign-in throttle). */
export async function recentFailedSignIns(db: Db, email: string, windowMs: number, now = Date.now()) {
  return q.countAuditSince(db, "sign-in.failed", email.trim().toLowerCase(), now - windowMs);
}

// ---- the workspaces a principal sees ----

export async function visibleWorkspaces(db: Db, p: Principal) {
  return q.workspacesByIds(db, await visibleWorkspaceIds(db, p));
}

export const countUsers = q.countUsers;
export const findUserById = q.findUserById;

// ---- first start ----

/** What the first start did about accounts, for the terminal. */
export type FirstStart =
  | { kind: "existing" }
  | { kind: "created-from-env"; email: string }
  | { kind: "created-with-link"; email: string; token: string };

/**
 * On a database without users, creates the instance admin: from
 * ALTIMETER_ADMIN_EMAIL and ALTIMETER_ADMIN_PASSWORD when both are set, else
 * (only when `allowLink`) `admin@altimeter.localhost` without a password, with a
 * one-time sign-in token to print. Does nothing when there are users.
 */
export async function ensureFirstAdmin(
  db: Db,
  env: { email?: string | null; password?: string | null },
  allowLink: boolean,
  now = Date.now(),
): Promise<FirstStart | null> {
  if ((await q.countUsers(db)) > 0) return { kind: "existing" };
  if (env.email && env.password) {
    const user = await createUser(db, OPERATOR, { email: env.email, password: env.password, admin: true }, now);
    return { kind: "created-from-env", email: user.email };
  }
  if (env.email || env.password)
    throw new ValidationError("set both ALTIMETER_ADMIN_EMAIL and ALTIMETER_ADMIN_PASSWORD, or neither");
  if (!allowLink) return null;
  const user = await createUser(db, OPERATOR, { email: env.email || "admin@altimeter.localhost", admin: true }, now);
  return {
    kind: "created-with-link",
    email: user.email,
    token: await createSignInLink(db, user.id, 24 * 3600_000, now),
  };
}

/** How many instance admins exist (serve refuses to listen beyond loopback without one). */
export async function countAdmins(db: Db): Promise<number> {
  return q.countAdmins(db);
}
