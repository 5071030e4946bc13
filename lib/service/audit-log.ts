import type { Db } from "@/db/client";
import { ForbiddenError } from "@/lib/errors";
import { listAuditActions, listAuditPage, type AuditRow } from "@/lib/queries/audit";
import { authoriseWorkspace, isAdmin, type Principal } from "./access";

export type { AuditRow };

/** Entries per page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** What the audit log page asks for: a workspace (slug), the instance-wide entries, or everything. */
export interface AuditQuery {
  /** A workspace's slug; "instance" for sign-ins and user changes; null for every entry (admins only). */
  workspace: string | null;
  actor?: string | null;
  action?: string | null;
  /** 1-based. */
  page?: number;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pages: number;
  /** The actions that can be filtered on. */
  actions: string[];
}

/**
 * A page of the audit log, newest first. A workspace's owners read its
 * entries (no access is the workspace's 404, as everywhere); only an
 * instance admin reads the instance-wide entries or all of them.
 */
export async function readAuditPage(db: Db, actor: Principal, query: AuditQuery): Promise<AuditPage> {
  let workspaceId: number | null | undefined;
  if (query.workspace === null || query.workspace === "instance") {
    if (!isAdmin(actor)) throw new ForbiddenError("only an instance admin reads the instance's audit log");
    workspaceId = query.workspace === null ? undefined : null;
  } else {
    workspaceId = (await authoriseWorkspace(db, actor, query.workspace, "owner")).workspace.id;
  }
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const filter = {
    workspaceId,
    actor: query.actor?.trim() || null,
    action: query.action?.trim() || null,
  };
  const [{ rows, total }, actions] = await Promise.all([
    listAuditPage(db, filter, { offset: (page - 1) * AUDIT_PAGE_SIZE, limit: AUDIT_PAGE_SIZE }),
    listAuditActions(db, workspaceId ?? undefined),
  ]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)), actions };
}

/** What changed between two versions of some settings, in words (`name: old → new; …`), or null when nothing did. */
export function describeChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  keys: readonly string[] = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(),
): string | null {
  const show = (v: unknown) => (v === undefined || v === null ? "none" : typeof v === "string" ? v : JSON.stringify(v));
  const changed = keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`);
  return changed.length ? changed.join("; ") : null;
}
