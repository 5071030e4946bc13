import { and, asc, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, workspaces } from "@/db/schema";

/** Which audit entries to read: a workspace (by id), the instance-wide ones (null), or all (undefined). */
export interface AuditFilter {
  workspaceId?: number | null;
  /** Part of the actor (`user:ana@…`, `token:3`, `cli`), compared ignoring case. */
  actor?: string | null;
  /** An action (`member.set`) or a family of them (`member`). */
  action?: string | null;
}

export interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  detail: string;
  /** The workspace's slug; null for instance-wide entries (sign-ins, users). */
  workspace: string | null;
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: AuditFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.workspaceId === null) parts.push(isNull(auditLog.workspaceId));
  else if (f.workspaceId !== undefined) parts.push(eq(auditLog.workspaceId, f.workspaceId));
  if (f.actor) parts.push(sql`lower(${auditLog.actor}) like ${`%${literal(f.actor.toLowerCase())}%`} escape '\\'`);
  if (f.action)
    parts.push(
      sql`(${auditLog.action} = ${f.action} or ${auditLog.action} like ${`${literal(f.action)}.%`} escape '\\')`,
    );
  return parts.length ? and(...parts) : undefined;
}

/** One page of audit entries, newest first, and how many match in all. */
export async function listAuditPage(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const condition = where(filter);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      detail: auditLog.detail,
      workspace: workspaces.slug,
    })
    .from(auditLog)
    .leftJoin(workspaces, eq(workspaces.id, auditLog.workspaceId))
    .where(condition)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(auditLog).where(condition);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The actions written so far (for the filter's choices), in the entries of a workspace when given. */
export async function listAuditActions(db: Db, workspaceId?: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(workspaceId === undefined ? undefined : eq(auditLog.workspaceId, workspaceId))
    .orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}
