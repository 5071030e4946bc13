import type { Db } from "@/db/client";
import type { Param } from "@/db/store";

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

function where(f: AuditFilter): { text: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  if (f.workspaceId === null) parts.push("a.workspace_id IS NULL");
  else if (f.workspaceId !== undefined) {
    parts.push("a.workspace_id = ?");
    params.push(f.workspaceId);
  }
  if (f.actor) {
    parts.push("lower(a.actor) LIKE ? ESCAPE '\\'");
    params.push(`%${literal(f.actor.toLowerCase())}%`);
  }
  if (f.action) {
    parts.push("(a.action = ? OR a.action LIKE ? ESCAPE '\\')");
    params.push(f.action, `${literal(f.action)}.%`);
  }
  return { text: parts.length ? `WHERE ${parts.join(" AND ")}` : "", params };
}

interface Stored {
  id: number | string;
  at: number | string;
  actor: string;
  action: string;
  detail: string;
  workspace: string | null;
}

/** One page of audit entries, newest first, and how many match in all. */
export async function listAuditPage(
  db: Db,
  filter: AuditFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const w = where(filter);
  const rows = await db.rows<Stored>(
    `SELECT a.id, a.at, a.actor, a.action, a.detail, w.slug AS workspace
       FROM audit_log a LEFT JOIN workspaces w ON w.id = a.workspace_id
       ${w.text}
      ORDER BY a.at DESC, a.id DESC
      LIMIT ? OFFSET ?`,
    [...w.params, page.limit, page.offset],
  );
  const total = await db.value<number | string>(`SELECT count(*) FROM audit_log a ${w.text}`, w.params);
  return {
    rows: rows.map((r) => ({ ...r, id: Number(r.id), at: Number(r.at) })),
    total: Number(total ?? 0),
  };
}

/** The actions written so far (for the filter's choices), in the entries of a workspace when given. */
export async function listAuditActions(db: Db, workspaceId?: number): Promise<string[]> {
  const rows = await db.rows<{ action: string }>(
    workspaceId === undefined
      ? "SELECT DISTINCT action FROM audit_log ORDER BY action"
      : "SELECT DISTINCT action FROM audit_log WHERE workspace_id = ? ORDER BY action",
    workspaceId === undefined ? [] : [workspaceId],
  );
  return rows.map((r) => r.action);
}
